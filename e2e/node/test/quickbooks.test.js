'use strict';
// node-quickbooks, a widely used QBO client written by others, against the
// sandbox's demo company: the requests it builds (lower-case query
// keywords, format=json, operation=update, the whole entity on delete)
// must be accepted, and the sandbox's answers and faults must reach it as
// QBO's do.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { sandboxURL, connect, quickbooks, call, ok, faultOf, describe, unique } = require('../lib/sandbox');

const base = sandboxURL();
let qbo;
let realmId;

before(async () => {
  const c = await connect(base);
  realmId = c.realmId;
  const token = c.oauth.getToken();
  qbo = quickbooks(base, token.access_token, realmId, token.refresh_token);
});

/** The one customer of a query answer, by DisplayName. */
async function customerNamed(name) {
  const body = await ok(qbo, 'findCustomers', { DisplayName: name });
  const found = body.QueryResponse.Customer || [];
  assert.equal(found.length, 1, `customers named ${name}: ${JSON.stringify(body.QueryResponse)}`);
  return found[0];
}

/** Asserts err is QBO's HTTP 400 ValidationFault with code, as node-quickbooks hands it over. */
function assertValidationFault(err, code) {
  assert.ok(err, `want fault ${code}, got success`);
  assert.equal(err.response && err.response.status, 400, describe(err));
  const fault = faultOf(err);
  assert.equal(fault.type, 'ValidationFault');
  assert.equal(fault.Error[0].code, code, describe(err));
  assert.ok(fault.Error[0].Message && fault.Error[0].Detail, 'Message and Detail are there');
  assert.ok(err.response.data.time, 'the fault body has a time');
  assert.ok(err.response.headers.intuit_tid, 'the answer carries an intuit_tid');
  return fault;
}

test('minorversion 75 goes as a query parameter, with format=json', async () => {
  const { err, body, res } = await call(qbo, 'getCompanyInfo', realmId);
  assert.ifError(err);
  assert.equal(body.Id, '1');
  assert.equal(body.Country, 'US');
  const sent = new URL(res.request.path, base);
  assert.equal(sent.searchParams.get('minorversion'), '75');
  assert.equal(sent.searchParams.get('format'), 'json');
  const prefs = await ok(qbo, 'getPreferences');
  assert.equal(prefs.SalesFormsPrefs.CustomTxnNumbers, true);
  assert.match(prefs.AccountingInfoPrefs.BookCloseDate, /^\d{4}-\d{2}-\d{2}$/);
});

test('customer: create, read, query by name and sparse update', async () => {
  const name = `Conformance Customer ${unique()}`;
  const created = await ok(qbo, 'createCustomer', {
    DisplayName: name, GivenName: 'Ada', FamilyName: 'Conformance',
    PrimaryEmailAddr: { Address: 'ada@example.com' },
  });
  assert.ok(created.Id);
  assert.equal(created.SyncToken, '0');
  assert.match(created.MetaData.CreateTime, /[-+]\d{2}:\d{2}$/, 'timestamps carry an offset');

  const read = await ok(qbo, 'getCustomer', created.Id);
  assert.equal(read.DisplayName, name);
  assert.equal(read.PrimaryEmailAddr.Address, 'ada@example.com');

  assert.equal((await customerNamed(name)).Id, created.Id);

  const updated = await ok(qbo, 'updateCustomer', {
    Id: read.Id, SyncToken: read.SyncToken, PrimaryEmailAddr: { Address: 'accounts@example.com' },
  });
  assert.notEqual(updated.SyncToken, read.SyncToken);
  assert.equal(updated.PrimaryEmailAddr.Address, 'accounts@example.com');
  assert.equal(updated.GivenName, 'Ada', 'a sparse update keeps what it did not send');
});

test('a customer whose name has an apostrophe is found by query', async () => {
  const demo = await customerNamed("O'Sullivan & Hart Solicitors");
  assert.equal(demo.CompanyName, "O'Sullivan & Hart Solicitors");
  const name = `D'Arcy O'Neill ${unique()}`;
  const created = await ok(qbo, 'createCustomer', { DisplayName: name });
  assert.equal((await customerNamed(name)).Id, created.Id);
  const like = await ok(qbo, 'findCustomers', [{ field: 'DisplayName', value: "D'Arcy O'Neill %", operator: 'LIKE' }]);
  assert.ok(like.QueryResponse.Customer.some((c) => c.Id === created.Id), 'LIKE with an apostrophe');
});

test('an invoice and a payment against it: the balance falls to zero', async () => {
  const customer = await ok(qbo, 'createCustomer', { DisplayName: `Paying Customer ${unique()}` });
  const items = await ok(qbo, 'findItems', { Name: 'Advisory' });
  const item = items.QueryResponse.Item[0];
  const invoice = await ok(qbo, 'createInvoice', {
    DocNumber: `C-${Date.now().toString(36)}`,
    CustomerRef: { value: customer.Id },
    Line: [{
      Amount: 270, DetailType: 'SalesItemLineDetail', Description: 'Advisory, 1.5 hours',
      SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1.5, UnitPrice: 180, TaxCodeRef: { value: 'NON' } },
    }],
  });
  assert.equal(invoice.TotalAmt, 270);
  assert.equal(invoice.Balance, 270);

  const payment = await ok(qbo, 'createPayment', {
    CustomerRef: { value: customer.Id }, TotalAmt: 270,
    Line: [{ Amount: 270, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
  });
  assert.equal(payment.UnappliedAmt, 0);
  const paid = await ok(qbo, 'getInvoice', invoice.Id);
  assert.equal(paid.Balance, 0);
  assert.ok(paid.LinkedTxn.some((l) => l.TxnId === payment.Id && l.TxnType === 'Payment'), 'the invoice links the payment');
});

test('batch: each item answers under its bId, a failing one with its own fault, under HTTP 200', async () => {
  const fresh = `Batch Customer ${unique()}`;
  const { err, body, res } = await call(qbo, 'batch', [
    { bId: 'new', operation: 'create', Customer: { DisplayName: fresh } },
    { bId: 'dup', operation: 'create', Customer: { DisplayName: "O'Sullivan & Hart Solicitors" } },
    { bId: 'q', Query: "select * from Customer where DisplayName = 'O\\'Sullivan & Hart Solicitors'" },
  ]);
  assert.ifError(err);
  assert.equal(res.status, 200);
  const byId = Object.fromEntries(body.BatchItemResponse.map((r) => [r.bId, r]));
  assert.equal(byId.new.Customer.DisplayName, fresh);
  assert.equal(byId.dup.Fault.Error[0].code, '6240');
  assert.equal(byId.q.QueryResponse.Customer.length, 1);
});

test('change data capture reports a new customer and a deleted payment', async () => {
  const since = new Date(Date.now() - 5000);
  const customer = await ok(qbo, 'createCustomer', { DisplayName: `Captured Customer ${unique()}` });
  const payment = await ok(qbo, 'createPayment', { CustomerRef: { value: customer.Id }, TotalAmt: 25 });
  assert.equal(payment.UnappliedAmt, 25, 'a payment applied to nothing is unapplied');
  const deleted = await ok(qbo, 'deletePayment', payment);
  assert.equal(deleted.Payment.status, 'Deleted');

  const body = await ok(qbo, 'changeDataCapture', ['Customer', 'Payment'], since);
  const responses = body.CDCResponse[0].QueryResponse;
  const customers = responses.flatMap((r) => r.Customer || []);
  const payments = responses.flatMap((r) => r.Payment || []);
  assert.ok(customers.some((c) => c.Id === customer.Id), 'the new customer is there');
  const gone = payments.find((p) => p.Id === payment.Id);
  assert.ok(gone, 'the deleted payment is there');
  assert.equal(gone.status, 'Deleted');
});

test('a duplicate name reaches node-quickbooks as QBO fault 6240', async () => {
  const { err } = await call(qbo, 'createCustomer', { DisplayName: "O'Sullivan & Hart Solicitors" });
  const fault = assertValidationFault(err, '6240');
  assert.equal(fault.Error[0].Message, 'Duplicate Name Exists Error');
  const vendor = await call(qbo, 'createCustomer', { DisplayName: 'Kestrel Office Supplies' });
  assertValidationFault(vendor.err, '6240');
});

test('a value of the wrong JSON type reaches node-quickbooks as QBO fault 2010, and nothing is stored', async () => {
  const name = `Typed Customer ${unique()}`;
  const { err } = await call(qbo, 'createCustomer', { DisplayName: name, Active: 'yes' });
  const fault = assertValidationFault(err, '2010');
  assert.equal(fault.Error[0].element, 'Active');
  const found = await ok(qbo, 'findCustomers', { DisplayName: name });
  assert.equal((found.QueryResponse.Customer || []).length, 0, 'no customer was made with a default');
});

test('a stale SyncToken reaches node-quickbooks as QBO fault 5010', async () => {
  const customer = await ok(qbo, 'createCustomer', { DisplayName: `Stale Customer ${unique()}` });
  await ok(qbo, 'updateCustomer', { Id: customer.Id, SyncToken: customer.SyncToken, Notes: 'first' });
  const { err } = await call(qbo, 'updateCustomer', { Id: customer.Id, SyncToken: customer.SyncToken, Notes: 'second' });
  assertValidationFault(err, '5010');
  assert.equal((await ok(qbo, 'getCustomer', customer.Id)).Notes, 'first');
});

test("node-quickbooks' own refresh gets a new access token, and after revoking the API answers QBO's 401", async () => {
  const oldRefresh = qbo.refreshToken;
  const oldAccess = qbo.token;
  const { err, body } = await call(qbo, 'refreshAccessToken');
  assert.ifError(err);
  assert.equal(body.refresh_token, oldRefresh, 'within a day of its issue the refresh token comes back unchanged');
  assert.notEqual(body.access_token, oldAccess);
  assert.equal(qbo.token, body.access_token);
  await ok(qbo, 'getCompanyInfo', realmId);

  const access = qbo.token;
  const revoked = await call(qbo, 'revokeAccess', true);
  assert.ifError(revoked.err);
  qbo.token = access;
  const after = await call(qbo, 'getCompanyInfo', realmId);
  assert.equal(after.err.response.status, 401);
  assert.match(after.err.response.headers['www-authenticate'], /^Bearer realm="Intuit", error="invalid_token"$/);
  const fault = faultOf(after.err);
  assert.equal(fault.error[0].code, '3200');
  assert.match(fault.error[0].message, /errorCode=003200/);
});
