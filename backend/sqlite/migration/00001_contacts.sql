-- +goose Up
-- Contact types group contacts; sync settings refer to them.
CREATE TABLE contact_types (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at TEXT    NOT NULL
);
-- At most one default type.
CREATE UNIQUE INDEX contact_types_one_default ON contact_types (is_default) WHERE is_default = 1;

INSERT INTO contact_types (name, is_default, created_at)
VALUES ('Client', 1, strftime('%Y-%m-%dT%H:%M:%S.000000000Z', 'now'));

CREATE TABLE contacts (
    id                   INTEGER PRIMARY KEY,
    kind                 TEXT    NOT NULL CHECK (kind IN ('person', 'organisation')),
    name                 TEXT    NOT NULL CHECK (name <> ''),
    email                TEXT    NOT NULL DEFAULT '',
    phone_primary        TEXT    NOT NULL DEFAULT '',
    phone_mobile         TEXT    NOT NULL DEFAULT '',
    phone_other          TEXT    NOT NULL DEFAULT '',
    phone_fax            TEXT    NOT NULL DEFAULT '',
    physical_lines       TEXT    NOT NULL DEFAULT '',  -- street lines joined by newlines
    physical_city        TEXT    NOT NULL DEFAULT '',
    physical_region      TEXT    NOT NULL DEFAULT '',
    physical_postal_code TEXT    NOT NULL DEFAULT '',
    physical_country     TEXT    NOT NULL DEFAULT '',
    mailing_lines        TEXT    NOT NULL DEFAULT '',
    mailing_city         TEXT    NOT NULL DEFAULT '',
    mailing_region       TEXT    NOT NULL DEFAULT '',
    mailing_postal_code  TEXT    NOT NULL DEFAULT '',
    mailing_country      TEXT    NOT NULL DEFAULT '',
    type_id              INTEGER NOT NULL REFERENCES contact_types (id) ON DELETE RESTRICT,
    -- Lower-cased by the application (SQLite's lower() knows only ASCII), for
    -- search and for sorting names the way a reader expects.
    search_text          TEXT    NOT NULL,
    sort_name            TEXT    NOT NULL,
    sort_email           TEXT    NOT NULL,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);
CREATE INDEX contacts_by_name ON contacts (sort_name, id);
CREATE INDEX contacts_by_email ON contacts (sort_email = '', sort_email, sort_name, id);
CREATE INDEX contacts_by_updated ON contacts (updated_at, id);
CREATE INDEX contacts_by_type ON contacts (type_id);

-- +goose Down
DROP TABLE contacts;
DROP TABLE contact_types;
