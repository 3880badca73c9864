-- +goose Up
-- Why the connected company's details (name, country) could not be read
-- yet, when the first call after signing in failed; '' once they were.
ALTER TABLE qbo_connection ADD COLUMN info_problem TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE qbo_connection DROP COLUMN info_problem;
