'use strict';
// intuit-oauth, Intuit's own Node OAuth client, against the sandbox: the
// authorization code exchange, refresh (the same refresh token within a
// day, a new one after), its API call helper and revocation. What it sends, the sandbox must accept; what the sandbox
// answers, it must read as it reads Intuit's answers.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { sandboxURL, oauthClient, connect, unique } = require('../lib/sandbox');

const base = sandboxURL();

test('the code exchange gives QBO-shaped tokens that intuit-oauth accepts', async () => {
  const { oauth, realmId, response } = await connect(base);
  const json = response.getJson();
  assert.equal(json.token_type, 'bearer');
  assert.equal(json.expires_in, 3600);
  assert.equal(json.x_refresh_token_expires_in, 8726400);
  assert.match(json.refresh_token, /^AB11/);
  assert.equal(json.x_refresh_token_hard_expires_in, undefined, 'the hard expiry only when asked for');
  assert.ok(response.getIntuitTid(), 'the token endpoint answers with an intuit_tid');
  const token = oauth.getToken();
  assert.equal(token.realmId, realmId);
  assert.ok(oauth.isAccessTokenValid(), 'intuit-oauth sees a valid access token');
  assert.ok(token.isRefreshTokenValid(), 'intuit-oauth sees a valid refresh token');
});

/** Moves the sandbox's clock (POST /_sandbox/clock), e.g. "25h" or "-25h". */
async function advanceClock(by) {
  const res = await fetch(`${base}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advance: by }) });
  assert.equal(res.status, 200, `advance the sandbox clock by ${by}`);
}

test('a refresh within a day keeps the refresh token, as Intuit does, and the new access token works', async () => {
  const { oauth, realmId } = await connect(base);
  const before = { ...oauth.getToken() }; // getToken's object changes with a refresh
  const response = await oauth.refresh();
  const after = oauth.getToken();
  assert.equal(after.refresh_token, before.refresh_token, 'the same refresh token within 24 hours');
  assert.notEqual(after.access_token, before.access_token, 'a new access token');
  assert.equal(response.getJson().expires_in, 3600);

  const info = await oauth.makeApiCall({
    url: `${base}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`,
  });
  assert.equal(info.status, 200);
  assert.equal(info.json.CompanyInfo.Id, '1');
  assert.equal(info.json.CompanyInfo.Country, 'US');
});

test('a day later the refresh token rotates, and the replaced one still refreshes during the grace period', async () => {
  const { oauth } = await connect(base);
  const before = oauth.getToken().refresh_token;
  await advanceClock('25h');
  try {
    await oauth.refresh();
    const after = oauth.getToken();
    assert.notEqual(after.refresh_token, before, 'the refresh token rotates after 24 hours');
    // Within the grace period the replaced token still refreshes, answering
    // with the newest refresh token.
    const again = await oauth.refreshUsingToken(before);
    assert.equal(again.getJson().refresh_token, after.refresh_token);
  } finally {
    await advanceClock('-25h');
  }
});

test('the hard expiry comes when intuit-oauth asks for it', async () => {
  const { oauth } = await connect(base, { includeRefreshTokenHardExpiresIn: true });
  const response = await oauth.refresh();
  const hard = response.getJson().x_refresh_token_hard_expires_in;
  assert.ok(Number.isInteger(hard) && hard > 8726400, `x_refresh_token_hard_expires_in ${hard}`);
});

test('an unknown refresh token is invalid_grant, as intuit-oauth reports it', async () => {
  const oauth = oauthClient(base);
  await assert.rejects(oauth.refreshUsingToken(`AB11${unique()}`), (err) => {
    assert.equal(err.error, 'invalid_grant');
    assert.equal(err.authResponse.status(), 400);
    assert.ok(err.intuit_tid, 'the refusal carries an intuit_tid');
    return true;
  });
});

test("a QBO fault reaches intuit-oauth's API call helper with its code", async () => {
  const { oauth, realmId } = await connect(base);
  const url = `${base}/v3/company/${realmId}/customer?minorversion=75`;
  const name = `OAuth Helper ${unique()}`;
  const created = await oauth.makeApiCall({ url, method: 'POST', body: { DisplayName: name } });
  assert.equal(created.json.Customer.DisplayName, name);
  await assert.rejects(oauth.makeApiCall({ url, method: 'POST', body: { DisplayName: name } }), (err) => {
    assert.equal(err.name, 'OAuthError');
    assert.equal(err.faultType, 'ValidationFault');
    assert.equal(err.fault.errors[0].code, '6240');
    assert.equal(err.message, 'Duplicate Name Exists Error');
    assert.ok(err.intuitTid, 'the fault carries the intuit_tid');
    return true;
  });
});

test('revoke ends the connection: refresh is invalid_grant and the API answers 401', async () => {
  const { oauth, realmId } = await connect(base);
  const { access_token: access, refresh_token: refresh } = oauth.getToken();
  await oauth.revoke({ refresh_token: refresh });

  await assert.rejects(oauth.refreshUsingToken(refresh), (err) => err.error === 'invalid_grant');
  oauth.setToken({ access_token: access, refresh_token: refresh, expires_in: 3600, x_refresh_token_expires_in: 8726400 });
  await assert.rejects(
    oauth.makeApiCall({ url: `${base}/v3/company/${realmId}/companyinfo/${realmId}` }),
    (err) => {
      assert.equal(err.code, '401');
      return true;
    },
  );
});
