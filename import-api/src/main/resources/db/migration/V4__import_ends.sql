-- Every import ends: a fencing token for the enumeration lease, why an import failed, who cancelled it,
-- and an outbox flag for announcing the end to the other services.
ALTER TABLE bulk_import
  ADD COLUMN lease_epoch    BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN failure_reason TEXT,
  ADD COLUMN cancelled_by   TEXT,
  ADD COLUMN end_announced  BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE bulk_import SET end_announced = TRUE WHERE status <> 'RUNNING';
CREATE INDEX bulk_import_end_unannounced ON bulk_import (id) WHERE NOT end_announced AND status <> 'RUNNING';
CREATE INDEX bulk_import_running ON bulk_import (started_at DESC) WHERE status = 'RUNNING';

-- The one status of an import, as other services may read it (sync-worker sends nothing more to
-- BrightClient for a cancelled import). Its columns are a published interface: change them only by
-- adding.
CREATE VIEW import_status AS SELECT id AS import_id, account_id, status FROM bulk_import;

-- Audit entries sent by other services carry their event id: a redelivered one is written once.
ALTER TABLE import_audit ADD COLUMN event_id TEXT;
CREATE UNIQUE INDEX import_audit_event ON import_audit (event_id) WHERE event_id IS NOT NULL;
