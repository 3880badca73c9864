-- +goose Up
-- Billing: work types, tax rates, unbilled work, invoices and their
-- numbering. Money is integer cents; quantities and percentages are exact
-- decimal text.

CREATE TABLE work_types (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    rate_kind  TEXT    NOT NULL CHECK (rate_kind IN ('hourly', 'fixed')),
    rate       INTEGER NOT NULL CHECK (rate >= 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE tax_rates (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    percent    TEXT    NOT NULL, -- the sum of the components for a combined rate
    archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE tax_rate_components (
    tax_rate_id INTEGER NOT NULL REFERENCES tax_rates (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    percent     TEXT    NOT NULL,
    PRIMARY KEY (tax_rate_id, position)
);

CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY,
    number      TEXT    UNIQUE, -- NULL until approved
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE RESTRICT,
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'paid', 'void')),
    issue_date  TEXT    NOT NULL,
    due_date    TEXT    NOT NULL,
    notes       TEXT    NOT NULL DEFAULT '',
    subtotal    INTEGER NOT NULL DEFAULT 0,
    tax_total   INTEGER NOT NULL DEFAULT 0,
    total       INTEGER NOT NULL DEFAULT 0,
    taxes       TEXT    NOT NULL DEFAULT '[]', -- JSON: the tax per rate, as computed
    run_id      INTEGER, -- the billing run that drafted it
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX invoices_by_status ON invoices (status, issue_date, id);
CREATE INDEX invoices_by_contact ON invoices (contact_id, issue_date, id);

CREATE TABLE invoice_lines (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    work_item_id INTEGER, -- the work it bills, if any
    work_type_id INTEGER REFERENCES work_types (id) ON DELETE RESTRICT,
    description  TEXT    NOT NULL,
    quantity     TEXT    NOT NULL,
    rate         INTEGER NOT NULL,
    tax_rate_id  INTEGER REFERENCES tax_rates (id) ON DELETE RESTRICT,
    amount       INTEGER NOT NULL
);
CREATE INDEX invoice_lines_by_invoice ON invoice_lines (invoice_id, position);

CREATE TABLE work_items (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE RESTRICT,
    date         TEXT    NOT NULL,
    work_type_id INTEGER NOT NULL REFERENCES work_types (id) ON DELETE RESTRICT,
    description  TEXT    NOT NULL DEFAULT '',
    quantity     TEXT    NOT NULL,
    rate         INTEGER NOT NULL,
    tax_rate_id  INTEGER REFERENCES tax_rates (id) ON DELETE RESTRICT,
    invoice_id   INTEGER REFERENCES invoices (id) ON DELETE SET NULL, -- NULL while unbilled
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX work_items_unbilled ON work_items (contact_id, date, id) WHERE invoice_id IS NULL;
CREATE INDEX work_items_by_invoice ON work_items (invoice_id);

CREATE TABLE invoice_events (
    id         INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    at         TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX invoice_events_by_invoice ON invoice_events (invoice_id, id);

-- The numbering of invoices: given at approval, in the approving
-- transaction, so numbers are unique and have no gaps.
CREATE TABLE invoice_numbering (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    prefix TEXT    NOT NULL,
    next   INTEGER NOT NULL CHECK (next >= 1),
    digits INTEGER NOT NULL DEFAULT 4 CHECK (digits BETWEEN 1 AND 12)
);
INSERT INTO invoice_numbering (id, prefix, next, digits) VALUES (1, 'INV-', 1, 4);

-- +goose Down
DROP TABLE invoice_numbering;
DROP TABLE invoice_events;
DROP TABLE work_items;
DROP TABLE invoice_lines;
DROP TABLE invoices;
DROP TABLE tax_rate_components;
DROP TABLE tax_rates;
DROP TABLE work_types;
