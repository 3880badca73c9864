-- +goose Up
-- Billing runs (close and send many invoices at once), and how far each
-- invoice's sending got: 'sending' is written before the invoice goes out,
-- 'sent' after, so a run resumed after a crash never sends one twice.
CREATE TABLE billing_runs (
    id          INTEGER PRIMARY KEY,
    through     TEXT    NOT NULL, -- the cut-off date: work dated on or before
    status      TEXT    NOT NULL CHECK (status IN ('drafted', 'approved', 'sending', 'stopped', 'done')),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

ALTER TABLE invoices ADD COLUMN send_state TEXT NOT NULL DEFAULT '' CHECK (send_state IN ('', 'sending', 'sent'));

-- +goose Down
ALTER TABLE invoices DROP COLUMN send_state;
DROP TABLE billing_runs;
