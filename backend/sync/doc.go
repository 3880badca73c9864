// Package sync keeps the firm's contacts and its QuickBooks customers in
// step. A run is pull → plan → apply → push → record:
//
//   - pull reads the customers: every one, a page of 1000 at a time, on the
//     first run (resuming at the page an interrupted run stopped before),
//     then only those changed since the last run through change data
//     capture (a full read again when that is older than CDC's 30 days);
//   - plan decides, from QuickBooks' answers, the local rows and the
//     last-synced snapshots, what to link, create, update on each side,
//     push, and send to Resolve Duplicates or to the conflicts — a plain
//     value that a dry run prints and nothing else;
//   - apply writes a plan in one transaction per page, the writes meant for
//     QuickBooks included, as outbox rows with their requestid;
//   - push sends the outbox (in batches of 30) and links what it created;
//     a requestid repeated after a crash or a timeout gets QuickBooks'
//     first answer back, so nothing is ever created twice;
//   - record keeps the run, its counts and the requests it cost, the audit
//     log of every change, and every failure as a sync error.
//
// The engine reaches QuickBooks through the small QuickBooks interface and
// tells the time through an injected clock; the store is the real SQLite
// database.
package sync
