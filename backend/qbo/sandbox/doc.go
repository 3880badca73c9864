// Package sandbox is a QuickBooks Online compatible server: Intuit-style
// OAuth 2.0 and the subset of the Accounting API v3 that Ledgerlink uses,
// with QBO's rules and faults, for one company. No network reaches Intuit
// from the machines this project is built on, so every test of the QBO
// client and of sync stands on this server: it is worth what its fidelity
// to real QBO is worth. It does not import the project's QBO client; it is
// an independent implementation of the service, so that testing the client
// against it checks something.
//
// # Running it
//
// In process (tests, and the app's built-in demo):
//
//	srv, err := sandbox.New(sandbox.Options{Company: "demo", Country: "US"})
//	ts := httptest.NewServer(srv.Handler())
//	defer srv.Close() // writes the state file, if any
//	tok := srv.IssueTokens() // a connection without the consent page
//
// As a process:
//
//	ledgerlink sandbox --addr 127.0.0.1:8790 [--company demo|empty]
//	    [--country US|CA|AU|UK|NZ] [--state FILE] [--realm ID]
//	    [--client-id ID] [--client-secret S] [--redirect-uri URI ...]
//	    [--access-ttl 1h] [--refresh-ttl 2424h] [--refresh-grace 24h]
//	    [--rotate-every-refresh] [--per-minute 500] [--per-second 10]
//	    [--concurrent 10] [--batch-per-minute 40] [--emails-per-day 40]
//	    [--no-limits] [--throttle-json] [--retry-after]
//	    [--latency off|realistic|250ms] [--log]
//
// The first line it prints is "QuickBooks sandbox is serving on
// http://ADDR/". It listens on loopback addresses only. Defaults:
// client id DefaultClientID ("ledgerlink-sandbox-client"), secret
// DefaultClientSecret ("ledgerlink-sandbox-secret"), redirect URIs
// DefaultRedirectURIs (http://localhost:8765/callback and
// http://127.0.0.1:8765/callback), realm DefaultRealmID.
//
// # Paths
//
// Intuit serves these from several hosts; the sandbox serves them all from
// one, so a client swaps only the host:
//
//	GET|POST /connect/oauth2            consent page (appcenter.intuit.com)
//	POST     /oauth2/v1/tokens/bearer   token endpoint
//	POST     /v2/oauth2/tokens/revoke   revocation
//	         /v3/company/{realmId}/…    the Accounting API
//	         /_sandbox/…                admin endpoints (sandbox only)
//
// Every response carries an intuit_tid header.
//
// # OAuth
//
// GET /connect/oauth2 takes client_id, response_type=code, scope
// (com.intuit.quickbooks.accounting, space-separated with others), a
// redirect_uri registered exactly (scheme, host, port and path), state
// (required) and optionally code_challenge and code_challenge_method (S256
// or plain; plain when absent). PKCE is optional: Intuit advertises none
// and its own clients send none, so an authorization without a challenge
// completes, and a verifier is checked only when a challenge was sent. An unknown client or redirect URI gets an
// HTML error page and no redirect; other errors go back to the redirect URI
// as error= (unsupported_response_type, invalid_scope, invalid_request).
// The page is a plain form whose hidden fields repeat the request; pressing
// Connect posts decision=connect and redirects with code, state and
// realmId; Cancel posts decision=deny and redirects with
// error=access_denied. A script can skip the page and POST the same fields
// to /connect/oauth2.
//
// The token endpoint takes HTTP Basic client credentials or
// client_id/client_secret in the form (bad ones: 401 invalid_client).
// grant_type=authorization_code needs the code (single use, 5 minutes), the
// same redirect_uri, and the code_verifier when a challenge was sent
// (otherwise invalid_grant). grant_type=refresh_token answers, as Intuit's
// does in practice, with the same refresh token while it is less than 24
// hours old (its lifetime rolling forward) and a new one after that
// (RotateEveryRefresh: a new one every time); a replaced one keeps working
// for RefreshGrace (answering with the newest refresh token) and is
// invalid_grant after.
// Answers: token_type "bearer", access_token, expires_in (3600),
// refresh_token, x_refresh_token_expires_in (8726400, rolling), and
// x_refresh_token_hard_expires_in (five years from the first connection)
// when the request says x-include-refresh-token-hard-expires-in: true.
// Revoke takes {"token": …} as JSON or token=… as a form, with client
// credentials, and ends the whole connection (access and refresh tokens).
//
// An API request with a missing, unknown, expired or revoked token gets 401
// with WWW-Authenticate: Bearer realm="Intuit", error="invalid_token" and
// QBO's lower-case body (fault.error[].code "3200", time in epoch
// milliseconds). A token for another realm gets 403, code 3100.
//
// # The Accounting API
//
//	GET  companyinfo/{realmId}          CompanyInfo
//	GET  preferences, POST preferences  Preferences (update needs the SyncToken)
//	GET  customer/{id}, POST customer   create, update (sparse or full)
//	GET  item/{id}, POST item           create, update (Service or NonInventory)
//	GET  account|taxcode|taxrate|taxagency/{id}          read only
//	GET  invoice/{id}, POST invoice     create, update, ?operation=void|delete
//	POST invoice/{id}/send[?sendTo=…]   e-mail it
//	GET  payment/{id}, POST payment     create, update, ?operation=delete,
//	                                    void (?operation=update&include=void)
//	GET|POST query?query=…              also the query as an application/text body
//	GET  cdc?entities=A,B&changedSince=T
//	POST batch
//
// minorversion is accepted with any value (QBO reads values below 75 as
// 75). Bodies are read with exact numbers and every amount is kept in
// integer cents; quantities, prices and rates are exact decimals.
//
// Rules and faults (HTTP 400, ValidationFault, with QBO's code):
//   - 2010: a property the entity does not have (typos are caught), a
//     value of the wrong JSON type for a property the sandbox knows — a
//     word for a boolean or a number, a string or array for an object
//     such as a reference or an address, an object for a list such as
//     Line, a number or boolean for a string (stricter, perhaps, than QBO,
//     whose Jackson may read it as text; a client sends text as text)
//     (element names it, e.g. "BillAddr.City";
//     Detail has Jackson's words, as QBO's does; null, numbers in quotes
//     and "true"/"false" in quotes pass, as they do in QBO; see schema.go)
//     — and malformed requests; 2020: a required field missing (element
//     names it); 2050: a string over QBO's length (DocNumber 21, names
//     100, …).
//   - 2500: a reference to an Id that does not exist (element names the
//     field); 610: a reference to an inactive object, an unknown Id on read
//     or update, and a payment line whose TxnId is not an invoice's Id.
//   - 5010: an update, void or delete with an old SyncToken. Every change
//     moves SyncToken and MetaData.LastUpdatedTime on, including changes a
//     write makes to other objects (a payment changes its invoices).
//   - Customer: DisplayName defaults from Title GivenName MiddleName
//     FamilyName Suffix; none of them is 6080 (CompanyName alone is not a
//     name); unique across customers (active or not), vendors and employees
//     ignoring case, 6240; a colon, tab, new line or other control
//     character (NUL, carriage return, …) in DisplayName, Title,
//     GivenName, MiddleName, FamilyName, Suffix or PrintOnCheckName is 2040
//     "Invalid String" (element names the field); an open balance blocks
//     making a customer inactive (6000). Sub-customers: ParentRef, Job,
//     Level and FullyQualifiedName Parent:Child.
//   - Item: Name unique among items (6240), without a colon (6000) or a
//     control character (2040);
//     IncomeAccountRef required (2020).
//   - Invoice: CustomerRef required; Amount must equal Qty × UnitPrice
//     rounded half up to cents (6070); DocNumber unique ignoring case (6140)
//     only in a company with custom transaction numbers and its
//     duplicate-number warning on (CompanySettings, which the API cannot
//     read: on in the demo company, off in an empty one), and not with
//     include=allowduplicatedocnum; with
//     Preferences.SalesFormsPrefs.CustomTxnNumbers false (or AutoDocNumber)
//     a missing DocNumber is generated (largest number + 1, from 1001).
//     TotalAmt, TxnTaxDetail, Balance and the SubTotalLineDetail line are
//     the server's. Balance = TotalAmt less the payments linked to it.
//   - Tax, US: line TaxCodeRef TAX or NON only (6100; absent is NON), one
//     TxnTaxDetail.TxnTaxCodeRef per invoice whose rates (summed for a
//     combined code) apply to the TAX lines. Other countries: every line
//     names a real TaxCode (missing: 6000; TAX/NON or unknown: 2500) and
//     the server totals the net per rate and rounds each rate's tax once;
//     GlobalTaxCalculation TaxExcluded (default), TaxInclusive (a line may
//     give TaxInclusiveAmt instead of Amount) or NotApplicable (no tax).
//   - Closing date (Preferences.AccountingInfoPrefs.BookCloseDate): creating,
//     changing, voiding or deleting an invoice or payment dated on or before
//     it, or moving one out of the closed period, is 6210 "Account Period
//     Closed, Cannot Update Through Services API", in QBO's words (real
//     answers carry 6210; 6200 exists too).
//   - Payment: CustomerRef and TotalAmt required; lines link invoices of the
//     same customer (or its parent or sub-customer); no more than the
//     invoice's open balance (6000); what the lines leave over is
//     UnappliedAmt; deleting or voiding it restores the invoices' balances;
//     voiding an invoice leaves its payments unapplied.
//   - Send: needs sendTo or BillEmail (2020); sets EmailStatus EmailSent and
//     DeliveryInfo; 40 a day per sandbox company (6000 beyond).
//
// requestid (any POST): the first answer to a request id is kept for the
// company and replayed byte for byte to any later request with that id,
// whatever its body, so a retry never makes a second object. Faults are
// replayed too ("the same response as the original request", Intuit says):
// after changing what it sends a client must use a new id. Answers the
// request never reached the entity logic with (401, 403, 429, injected
// faults, 5xx) are not kept. At most 50 characters (36 on a batch, whose
// bIds may then have at most 10), else 2010. Ids are forgotten after 30
// days.
//
// Query: qql's grammar and semantics (see package qql): 4000 for what does
// not parse, 4001 for MAXRESULTS over 1000, unknown entities and properties
// QBO does not let a query filter on; 100 rows without MAXRESULTS; inactive
// list objects only when a condition names Active; an answer with no rows
// has no entity key; COUNT(*) answers totalCount. Vendor and Employee can be
// queried (read only): the company's vendors and employees, whose display
// names customers may not take.
//
// CDC: objects created, changed or deleted at or after changedSince (deleted
// ones as {"domain":"QBO","status":"Deleted","Id":…}, after the others of
// their entity); changedSince more than 30 days back is refused with QBO's
// words, "Operation cdc with changedSince date … which is older than fixed
// days is not supported." (code 6000, the sandbox's choice: QBO's is not
// known); at most 1000 objects in all entities together, the oldest changes
// first. Batch: at most 30 items (1040 beyond), each a create,
// update or delete of one entity or a Query; each answers under its bId,
// a failing one with its own Fault, all under HTTP 200.
//
// # Limits
//
// Per company: 500 requests a minute, 10 a second, 10 in flight, 40 batch
// requests a minute, in sliding windows on the sandbox clock (see Limits).
// Over a limit: HTTP 429 with QBO's fault as XML, whatever the request
// asked for, and no Retry-After, as QBO answers:
//
//	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
//	<IntuitResponse time="…" xmlns="http://schema.intuit.com/finance/v3">
//	    <Fault type="SERVICE">
//	        <Error code="3001">
//	            <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
//	            <Detail>The request limit was reached.  Try again later</Detail>
//	        </Error>
//	    </Fault>
//	</IntuitResponse>
//
// Limits.ThrottleJSON answers with the JSON Fault instead, and
// Limits.RetryAfter adds Retry-After (seconds until the request would be
// admitted). OAuth and admin endpoints are not throttled.
//
// # Latency
//
// QBO over the internet takes hundreds of milliseconds an answer; the
// sandbox answers at once unless Options.Latency (or /_sandbox/latency)
// says otherwise. RealisticLatency delays each API and token request by a
// seeded log-normal draw: median 250 ms, 99th percentile about 0.9 s,
// capped at 1.5 s; an API request waits once admitted, holding its place
// in the concurrency limit. Latency.CountOnly only adds the delays up
// (Server.LatencyTotal), so a benchmark can report the modelled time of
// its requests without spending it. Options.Sleep replaces the wait in
// tests.
//
// # Fault injection
//
// POST /_sandbox/faults queues one rule or an array (see FaultRule): the
// next Count requests whose method and path match fail as Kind says:
//
//	500                  SystemFault 10000 (JSON)
//	503                  a gateway's HTML page
//	429                  ThrottleExceeded as the throttles answer it (XML
//	                     unless Limits.ThrottleJSON; Retry-After: 1 only
//	                     with Limits.RetryAfter)
//	401                  the 401 an expired token gets
//	reset                connection reset before anything is done
//	timeout_after_commit the request runs and commits (its requestid is
//	                     remembered), then the connection is held for
//	                     delayMs (default: until the client gives up, at
//	                     most 120 s) and reset: the hard case for duplicates
//	delay                answered normally after delayMs (holding a place
//	                     in the concurrency limit meanwhile)
//
// "body" ("json", "xml", "html", "empty") changes the body of 500, 503,
// 429 and 401. Rules match OAuth endpoints too (a failing token refresh). Example:
//
//	curl -X POST localhost:8790/_sandbox/faults -d '{"method":"POST",
//	  "path":"/v3/company/*/invoice","kind":"timeout_after_commit","count":1}'
//	curl localhost:8790/_sandbox/faults          # pending rules
//	curl -X DELETE localhost:8790/_sandbox/faults
//
// # Admin endpoints
//
//	GET    /_sandbox                 the list of admin endpoints
//	GET    /_sandbox/counts          {"entities":{"Customer":60,…},"requestIds":…,"emailsToday":…}
//	POST   /_sandbox/reset           {"company":"empty","country":"CA"}: a fresh company
//	                                 (same realm; connections survive; request ids do not)
//	GET    /_sandbox/clock           {"now":…,"offset":"0s"}
//	POST   /_sandbox/clock           {"advance":"720h"} | {"offset":"-1h"} | {"set":"2026-01-31T09:00:00-08:00"}
//	GET    /_sandbox/preferences     the Preferences object
//	POST   /_sandbox/preferences     {"SalesFormsPrefs":{"CustomTxnNumbers":false}} merged by group,
//	                                 as the QBO UI would (SyncToken moves on)
//	POST   /_sandbox/closing-date    {"date":"2026-01-31"}, or "" to open the books
//	GET    /_sandbox/limits          the throttles
//	POST   /_sandbox/limits          {"perSecond":2,"perMinute":20} (zero fields take QBO's values,
//	                                 negative switches one off, "off":true all;
//	                                 "throttleJSON", "retryAfter" change the 429)
//	GET    /_sandbox/settings        company settings the API cannot see
//	POST   /_sandbox/settings        {"warnDuplicateDocNumbers":false}
//	GET    /_sandbox/latency         the latency model, the requests it delayed and their total
//	POST   /_sandbox/latency         {"preset":"realistic"} | {"median":"250ms","sigma":0.55,
//	                                 "max":"1.5s","seed":1,"countOnly":true} | {} (off)
//	POST   /_sandbox/tokens          tokens for the default client without the consent page
//	DELETE /_sandbox/tokens          revoke every connection ("disconnect" in QBO)
//
// The same controls exist as methods for in-process use: InjectFault,
// ClearFaults, AdvanceClock, SetLimits, SetPreferences, SetCompanySettings,
// SetLatency, Reset, IssueTokens, RevokeAll.
//
// # Companies
//
// "empty" is a new QBO company: CompanyInfo ("Sandbox Company_US_1"),
// Preferences (custom transaction numbers off), a chart of accounts
// (account 1 "Services" is the default income account; one account is
// inactive), the country's tax agencies, rates and codes (each country has a
// combined code; the US also has the TAX and NON pseudo codes), and the
// Services and Hours items. "demo" adds the customers of package
// democompany (about 60, many of them deliberate near-duplicates of the
// firm's demo contacts, with sub-customers and inactive ones; the sandbox
// does not import the firm's records), a vendor and an employee
// whose names customers cannot take, readable by query (the vendor "Kestrel Office Supplies"
// is also a local contact with no customer), the firm's service items (one
// inactive), seven invoices (1001–1007: paid, open, partly paid, sent, a
// job's, overpaid, split-paid) and four payments, custom transaction
// numbers and the duplicate-number warning on, and a closing date at the end of the month before last, with
// invoice 1001 and its payment inside the closed period. Demo dates follow
// the clock, so the data looks recent whenever it is seeded.
//
// # State
//
// State lives in memory. With Options.StateFile (--state) it is loaded at
// start and written atomically (a 0600 temporary file renamed over the old)
// within about 200 ms of a change and on Close: company (with its
// CompanySettings), connections, remembered request ids and the clock
// offset. The file has a version; older ones are converted when read. Authorization codes and
// tokens are kept only as SHA-256 hashes, as a real authorization server
// keeps them, so the file holds nothing a client could present (a retired
// refresh token's successor is sealed under a key derived from the retired
// token, for the grace period). A file from before hashing is converted at
// start. Pending fault rules, throttle windows and the latency model are
// not kept. A state
// file wins over Company and Country; reset the company to change them.
package sandbox
