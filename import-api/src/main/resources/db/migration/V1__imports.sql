-- One bulk import run per row; the enumeration's cursor makes it resumable after a crash.
CREATE TABLE bulk_import (
  id                  TEXT PRIMARY KEY,
  account_id          TEXT NOT NULL,
  status              TEXT NOT NULL,
  started_by          TEXT NOT NULL,
  started_role        TEXT NOT NULL,
  started_at          TIMESTAMPTZ NOT NULL,
  finished_at         TIMESTAMPTZ,
  -- enumeration of BrightManager
  cursor              TEXT,
  started_event_sent  BOOLEAN NOT NULL DEFAULT FALSE,
  enumeration_done    BOOLEAN NOT NULL DEFAULT FALSE,
  expected_total      BIGINT,
  total               BIGINT NOT NULL DEFAULT 0,
  already_linked      BIGINT NOT NULL DEFAULT 0,
  emitted             BIGINT NOT NULL DEFAULT 0,
  last_activity_at    TIMESTAMPTZ NOT NULL,
  -- progress, as report-service aggregates it
  processed           BIGINT NOT NULL DEFAULT 0,
  -- which instance enumerates it, until when
  lease_owner         TEXT,
  lease_until         TIMESTAMPTZ
);
-- One running import per account, whatever the concurrency of start requests.
CREATE UNIQUE INDEX bulk_import_one_running ON bulk_import (account_id) WHERE status = 'RUNNING';
CREATE INDEX bulk_import_by_account ON bulk_import (account_id, started_at DESC);
CREATE INDEX bulk_import_to_enumerate ON bulk_import (lease_until) WHERE NOT enumeration_done;

-- Clients already linked to BrightClient (replicated from sync-worker's link topic): never imported again.
CREATE TABLE client_link (
  account_id       TEXT NOT NULL,
  client_id        TEXT NOT NULL,
  bright_client_id TEXT NOT NULL,
  linked_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, client_id)
);
