'use strict';
// Shared set-up of the conformance tests: where the sandbox is, connecting
// to it with intuit-oauth (pressing Connect on its consent page over plain
// HTTP), and node-quickbooks pointed at it. Nothing here reaches beyond the
// sandbox's loopback address.

const assert = require('node:assert/strict');
const OAuthClient = require('intuit-oauth');
const QuickBooks = require('node-quickbooks');

// The sandbox's default OAuth client and registered redirect URI.
const CLIENT_ID = 'ledgerlink-sandbox-client';
const CLIENT_SECRET = 'ledgerlink-sandbox-secret';
const REDIRECT_URI = 'http://localhost:8765/callback';

/** The sandbox's base URL from the environment variable name (no trailing slash). */
function sandboxURL(name = 'LEDGERLINK_SANDBOX_URL') {
  const url = process.env[name];
  if (!url) {
    throw new Error(`${name} is not set: run these tests through the Go conformance test, or start 'ledgerlink sandbox' and export its URL`);
  }
  return url.replace(/\/+$/, '');
}

/** An intuit-oauth client whose endpoints are the sandbox's. */
function oauthClient(base, options = {}) {
  const client = new OAuthClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    environment: 'sandbox',
    redirectUri: REDIRECT_URI,
    ...options,
  });
  client.setAuthorizeURLs({
    authorizeEndpoint: `${base}/connect/oauth2`,
    tokenEndpoint: `${base}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${base}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${base}/v1/openid_connect/userinfo`,
  });
  return client;
}

/** Reverses the escaping html/template applies to attribute values. */
function unescapeHTML(s) {
  return s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Opens the consent page at authorizeUri and presses Connect: posts the
 * form's hidden fields with decision=connect, as a browser would. Returns
 * the redirect the sandbox answers with (code, state, realmId).
 */
async function pressConnect(authorizeUri) {
  const page = await fetch(authorizeUri, { redirect: 'manual' });
  const html = await page.text();
  assert.equal(page.status, 200, `consent page: ${html}`);
  const form = html.match(/<form method="post" action="([^"]+)">/);
  assert.ok(form, 'the consent page has a form');
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(m[1], unescapeHTML(m[2]));
  }
  assert.ok(fields.has('client_id') && fields.has('state'), `hidden fields: ${fields}`);
  fields.set('decision', 'connect');
  const answer = await fetch(new URL(unescapeHTML(form[1]), authorizeUri), {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  });
  assert.equal(answer.status, 302, 'Connect redirects back to the app');
  return new URL(answer.headers.get('location'));
}

/**
 * Connects to the sandbox as an app would: intuit-oauth's authorize URL,
 * the consent form, then intuit-oauth's code exchange. Returns the client
 * (holding the tokens), the callback URL and the realm id.
 */
async function connect(base, options = {}) {
  const oauth = oauthClient(base, options);
  const state = `conformance-${process.pid}-${Date.now()}`;
  const uri = oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state });
  assert.ok(uri.startsWith(`${base}/connect/oauth2?`), `authorize URI ${uri}`);
  const callback = await pressConnect(uri);
  assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
  assert.equal(callback.searchParams.get('state'), state, 'state comes back unchanged');
  assert.ok(callback.searchParams.get('code'), 'the callback carries a code');
  const realmId = callback.searchParams.get('realmId');
  assert.match(realmId, /^\d+$/, 'the callback carries the realmId');
  const response = await oauth.createToken(callback.href);
  return { oauth, callback, realmId, response };
}

/**
 * A node-quickbooks client (OAuth 2.0, minorversion 75) for the sandbox.
 * The library's API base is a class-level setting read by the constructor;
 * setOauthVersion is never called, as it fetches Intuit's discovery document.
 */
function quickbooks(base, accessToken, realmId, refreshToken) {
  QuickBooks.V3_ENDPOINT_BASE_URL = `${base}/v3/company/`;
  QuickBooks.TOKEN_URL = `${base}/oauth2/v1/tokens/bearer`;
  QuickBooks.REVOKE_URL = `${base}/v2/oauth2/tokens/revoke`;
  return new QuickBooks(CLIENT_ID, CLIENT_SECRET, accessToken, false, realmId,
    true /* sandbox */, false /* debug */, 75, '2.0', refreshToken);
}

/** Calls a node-quickbooks method and resolves with its callback's (err, body, res). */
function call(qbo, method, ...args) {
  return new Promise((resolve) => {
    qbo[method](...args, (err, body, res) => resolve({ err, body, res }));
  });
}

/** Calls a node-quickbooks method that must succeed; resolves with the body. */
async function ok(qbo, method, ...args) {
  const { err, body } = await call(qbo, method, ...args);
  if (err) {
    assert.fail(`${method}: ${describe(err)}`);
  }
  return body;
}

/**
 * Reads a QBO fault sent as XML (as QBO answers 429, whatever was asked
 * for): <IntuitResponse><Fault type="…"><Error code="…"><Message>…
 * into the shape of the JSON one, {type, Error: [{code, Message, Detail}]}.
 */
function xmlFault(text) {
  const fault = text.match(/<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/);
  if (!fault) return null;
  const type = fault[1].match(/\btype="([^"]*)"/);
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const errors = [...fault[2].matchAll(/<Error\b[^>]*?\bcode="([^"]*)"[^>]*>([\s\S]*?)<\/Error>/g)].map(([, code, body]) => {
    const field = (name) => {
      const m = body.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`));
      return m ? unescape(m[1]) : undefined;
    };
    return { code, Message: field('Message'), Detail: field('Detail') };
  });
  return { type: type ? type[1] : undefined, Error: errors };
}

/**
 * The QBO fault a node-quickbooks error carries: the body itself for a
 * fault inside an HTTP 200, the HTTP error's response body otherwise (JSON,
 * or XML, which node-quickbooks hands over as text).
 */
function faultOf(err) {
  if (err && err.Fault) return err.Fault;
  const data = err && err.response && err.response.data;
  if (typeof data === 'string' && data.trimStart().startsWith('<')) return xmlFault(data);
  return (data && (data.Fault || data.fault)) || null;
}

/** One line about an error, for assertion messages. */
function describe(err) {
  const status = err && err.response ? `HTTP ${err.response.status} ` : '';
  const fault = faultOf(err);
  return status + (fault ? JSON.stringify(fault) : String(err && err.message ? err.message : JSON.stringify(err)));
}

/** A suffix that keeps names unique across runs and test files. */
function unique() {
  return `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

module.exports = {
  CLIENT_ID, CLIENT_SECRET, REDIRECT_URI,
  sandboxURL, oauthClient, pressConnect, connect, quickbooks, call, ok, faultOf, xmlFault, describe, unique,
};
