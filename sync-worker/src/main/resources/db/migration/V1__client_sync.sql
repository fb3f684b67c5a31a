-- What sync-worker knows of each BrightManager client: its BrightClient link (once created) and how
-- many create attempts BrightClient rejected (a rejected create made nothing, so the next attempt may
-- use a fresh idempotency key).
CREATE TABLE client_sync (
  account_id        TEXT NOT NULL,
  client_id         TEXT NOT NULL,
  bright_client_id  TEXT,
  client_type       TEXT,
  linked_by_import  TEXT,
  linked_at         TIMESTAMPTZ,
  rejected_attempts INT NOT NULL DEFAULT 0,
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, client_id)
);
