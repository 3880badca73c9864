'use strict';
// Throttling as clients written by others meet it, against a sandbox
// started with a tight per-second limit (LEDGERLINK_SANDBOX_THROTTLED_URL):
// HTTP 429 with QBO's ThrottleExceeded fault 3001 as XML, even though the
// clients ask for JSON, as QBO answers it; a Retry-After only when the
// sandbox was told to send one (QBO sends none: clients wait 60 s).

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { sandboxURL, connect, quickbooks, call, faultOf } = require('../lib/sandbox');

const base = sandboxURL('LEDGERLINK_SANDBOX_THROTTLED_URL');
let oauth;
let qbo;
let realmId;

before(async () => {
  const c = await connect(base); // OAuth endpoints are not throttled
  oauth = c.oauth;
  realmId = c.realmId;
  qbo = quickbooks(base, oauth.getToken().access_token, realmId, oauth.getToken().refresh_token);
});

test('a burst over the limit reaches node-quickbooks as 429 with the ThrottleExceeded fault in XML', async () => {
  const answers = await Promise.all(Array.from({ length: 6 }, () => call(qbo, 'getCompanyInfo', realmId)));
  const throttled = answers.filter((a) => a.err);
  assert.ok(throttled.length > 0, 'a burst of 6 at 2 a second is throttled');
  assert.ok(answers.some((a) => !a.err && a.body.Id === '1'), 'the requests within the limit are answered');
  for (const { err } of throttled) {
    assert.equal(err.response.status, 429);
    assert.match(err.response.headers['content-type'], /^application\/xml/, 'XML, though node-quickbooks asked for JSON');
    assert.equal(typeof err.response.data, 'string', 'node-quickbooks hands the XML over as text');
    const retryAfter = err.response.headers['retry-after'];
    assert.ok(retryAfter === undefined || /^\d+$/.test(retryAfter), `Retry-After ${retryAfter}`);
    const fault = faultOf(err);
    assert.equal(fault.type, 'SERVICE');
    assert.equal(fault.Error[0].code, '3001');
    assert.equal(fault.Error[0].Message, 'message=ThrottleExceeded; errorCode=003001; statusCode=429');
    assert.equal(fault.Error[0].Detail, 'The request limit was reached.  Try again later');
  }
});

test("intuit-oauth's API call helper reports throttling as RATE_LIMIT_EXCEEDED", async () => {
  const url = `${base}/v3/company/${realmId}/companyinfo/${realmId}`;
  const results = await Promise.allSettled(Array.from({ length: 6 }, () => oauth.makeApiCall({ url })));
  const refused = results.filter((r) => r.status === 'rejected');
  assert.ok(refused.length > 0, 'a burst of 6 at 2 a second is throttled');
  for (const r of refused) {
    assert.equal(r.reason.code, 'RATE_LIMIT_EXCEEDED');
  }
});
