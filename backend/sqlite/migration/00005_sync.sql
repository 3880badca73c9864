-- +goose Up
-- What contact sync keeps: links between contacts and QuickBooks customers,
-- the runs, the audit log, what waits for the accountant (duplicates,
-- conflicts, errors) and the outbox of writes to QuickBooks.

-- One row per QuickBooks company the firm has synced with. The links of a
-- company other than the current one are kept aside, never mixed in.
CREATE TABLE sync_companies (
    realm_id         TEXT PRIMARY KEY,
    company_name     TEXT NOT NULL DEFAULT '',
    current          INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1)),
    first_sync_at    TEXT NOT NULL DEFAULT '', -- when the first full read finished
    changed_since    TEXT NOT NULL DEFAULT '', -- QuickBooks' clock: where the next CDC starts
    resume_position  INTEGER NOT NULL DEFAULT 0, -- the next page of an interrupted full read
    full_read_started TEXT NOT NULL DEFAULT '', -- when the (interrupted) full read began
    created_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX sync_companies_one_current ON sync_companies (current) WHERE current = 1;

-- A contact linked to a customer. snapshot holds the synced fields as both
-- sides last agreed (JSON), the base of the three-way merge.
CREATE TABLE contact_links (
    realm_id      TEXT    NOT NULL REFERENCES sync_companies (realm_id),
    qbo_id        TEXT    NOT NULL,
    contact_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    sync_token    TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    snapshot      TEXT    NOT NULL,
    qbo_updated   TEXT    NOT NULL DEFAULT '', -- the customer's LastUpdatedTime, as read
    linked_at     TEXT    NOT NULL,
    synced_at     TEXT    NOT NULL,
    search_text   TEXT    NOT NULL,
    PRIMARY KEY (realm_id, qbo_id),
    UNIQUE (realm_id, contact_id)
);

-- Pairs the accountant took apart (Remove Match): never linked again
-- without being asked.
CREATE TABLE contact_unlinks (
    realm_id   TEXT    NOT NULL,
    qbo_id     TEXT    NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    at         TEXT    NOT NULL,
    PRIMARY KEY (realm_id, qbo_id, contact_id)
);

-- Sub-customers (jobs), shown under their parent rather than as clients.
CREATE TABLE customer_jobs (
    realm_id      TEXT NOT NULL,
    qbo_id        TEXT NOT NULL,
    parent_qbo_id TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (realm_id, qbo_id)
);

CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY,
    realm_id    TEXT    NOT NULL,
    trigger     TEXT    NOT NULL, -- 'manual', 'background', 'cli', 'retry'
    mode        TEXT    NOT NULL DEFAULT '', -- 'full' or 'changes'
    dry_run     INTEGER NOT NULL DEFAULT 0,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
    started_at  TEXT    NOT NULL,
    finished_at TEXT    NOT NULL DEFAULT '',
    requests    INTEGER NOT NULL DEFAULT 0,
    counts      TEXT    NOT NULL DEFAULT '{}', -- JSON: linked, created, updated…
    report      TEXT    NOT NULL DEFAULT '[]', -- JSON: customers listed, not imported, and why
    error       TEXT    NOT NULL DEFAULT ''
);

-- Every change a sync or a resolution made, field by field.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER REFERENCES sync_runs (id),
    at          TEXT    NOT NULL,
    action      TEXT    NOT NULL, -- link, create, update, unlink, resolve, conflict, push
    side        TEXT    NOT NULL CHECK (side IN ('local', 'quickbooks')),
    contact_id  INTEGER,
    qbo_id      TEXT    NOT NULL DEFAULT '',
    record      TEXT    NOT NULL, -- the record's name when the change was made
    field       TEXT    NOT NULL DEFAULT '',
    before      TEXT    NOT NULL DEFAULT '',
    after       TEXT    NOT NULL DEFAULT '',
    search_text TEXT    NOT NULL
);
CREATE INDEX audit_log_by_run ON audit_log (run_id, id);
CREATE INDEX audit_log_by_contact ON audit_log (contact_id, id);

-- A customer that could be one of several contacts, waiting for the
-- accountant to choose.
CREATE TABLE duplicates (
    id          INTEGER PRIMARY KEY,
    realm_id    TEXT    NOT NULL,
    qbo_id      TEXT    NOT NULL,
    sync_token  TEXT    NOT NULL,
    display_name TEXT   NOT NULL, -- the customer's name in QuickBooks
    customer    TEXT    NOT NULL, -- JSON: the contact the customer would make
    suggestions TEXT    NOT NULL, -- JSON: candidates, best first, with reasons
    run_id      INTEGER REFERENCES sync_runs (id),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    UNIQUE (realm_id, qbo_id)
);

-- A field changed on both sides since the last sync.
CREATE TABLE conflicts (
    id         INTEGER PRIMARY KEY,
    realm_id   TEXT    NOT NULL,
    qbo_id     TEXT    NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    field      TEXT    NOT NULL,
    base       TEXT    NOT NULL,
    ours       TEXT    NOT NULL,
    theirs     TEXT    NOT NULL,
    run_id     INTEGER REFERENCES sync_runs (id),
    created_at TEXT    NOT NULL,
    UNIQUE (contact_id, field)
);

-- What a sync could not do, until it is fixed and retried.
CREATE TABLE sync_errors (
    id           INTEGER PRIMARY KEY,
    realm_id     TEXT    NOT NULL,
    code         TEXT    NOT NULL, -- from the catalog in package practice
    record_kind  TEXT    NOT NULL, -- 'contact', 'customer'
    record_id    TEXT    NOT NULL, -- contact id or QuickBooks Id
    record_name  TEXT    NOT NULL,
    detail       TEXT    NOT NULL DEFAULT '', -- what QuickBooks said, secrets never
    run_id       INTEGER REFERENCES sync_runs (id),
    attempts     INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    UNIQUE (realm_id, record_kind, record_id, code)
);

-- Writes to QuickBooks, stored in the transaction that decided them, each
-- with the requestid that makes a retry after a crash or a timeout return
-- the first answer instead of making a second object.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    realm_id    TEXT    NOT NULL,
    request_id  TEXT    NOT NULL UNIQUE,
    operation   TEXT    NOT NULL CHECK (operation IN ('create', 'update')),
    -- No foreign key: a write already sent in a batch must stay as it was
    -- sent, even if its contact is deleted meanwhile, so that the batch is
    -- sent again the same way and QuickBooks' answer matches it.
    contact_id  INTEGER NOT NULL,
    qbo_id      TEXT    NOT NULL DEFAULT '',
    body        TEXT    NOT NULL, -- JSON: the customer fields to send
    fields      TEXT    NOT NULL DEFAULT '{}', -- JSON: the snapshot once it is sent
    before      TEXT    NOT NULL DEFAULT '{}', -- JSON: the customer's values it replaces, for the audit log
    state       TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    batch_id    TEXT    NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX outbox_pending ON outbox (state, id) WHERE state = 'pending';

-- +goose Down
DROP TABLE outbox;
DROP TABLE sync_errors;
DROP TABLE conflicts;
DROP TABLE duplicates;
DROP TABLE audit_log;
DROP TABLE sync_runs;
DROP TABLE customer_jobs;
DROP TABLE contact_unlinks;
DROP TABLE contact_links;
DROP TABLE sync_companies;
