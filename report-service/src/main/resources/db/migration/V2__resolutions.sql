-- Fixes made in BrightManager after an import: a failed client that later syncs is resolved.
ALTER TABLE client_outcome ADD COLUMN resolved_at TIMESTAMPTZ;
ALTER TABLE import_report ADD COLUMN resolved_since_import BIGINT NOT NULL DEFAULT 0;
CREATE INDEX client_outcome_by_client ON client_outcome (account_id, client_id);
CREATE INDEX failure_row_open_by_client ON failure_row (account_id, client_id) WHERE status = 'OPEN';
