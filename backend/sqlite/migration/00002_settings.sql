-- +goose Up
-- App settings that are not secret (secrets live in the OS keychain only).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The QuickBooks connection as the app shows it: what company, since when,
-- and in what state. The tokens are not here: they are in the keychain.
CREATE TABLE qbo_connection (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    environment             TEXT NOT NULL,
    realm_id                TEXT NOT NULL,
    company_name            TEXT NOT NULL DEFAULT '',
    country                 TEXT NOT NULL DEFAULT '',
    state                   TEXT NOT NULL CHECK (state IN ('connected', 'needs_reconnect')),
    state_reason            TEXT NOT NULL DEFAULT '',
    connected_at            TEXT NOT NULL,
    refresh_expires_at      TEXT NOT NULL DEFAULT '',
    refresh_hard_expires_at TEXT NOT NULL DEFAULT '',
    updated_at              TEXT NOT NULL
);

-- +goose Down
DROP TABLE qbo_connection;
DROP TABLE settings;
