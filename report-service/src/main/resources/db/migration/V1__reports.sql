-- One row per import: what import-api said of it, and the outcome counters.
CREATE TABLE import_report (
  import_id              TEXT PRIMARY KEY,
  account_id             TEXT NOT NULL,
  started_by             TEXT,
  started_at             TIMESTAMPTZ,
  enumerated             BOOLEAN NOT NULL DEFAULT FALSE,
  total                  BIGINT NOT NULL DEFAULT 0,
  linked_at_start        BIGINT NOT NULL DEFAULT 0,
  emitted                BIGINT NOT NULL DEFAULT 0,
  imported               BIGINT NOT NULL DEFAULT 0,
  failed                 BIGINT NOT NULL DEFAULT 0,
  excluded               BIGINT NOT NULL DEFAULT 0,
  linked_during          BIGINT NOT NULL DEFAULT 0,
  first_outcome_at       TIMESTAMPTZ,
  last_activity_at       TIMESTAMPTZ,
  completed_at           TIMESTAMPTZ,
  progress_published_at  TIMESTAMPTZ,
  completion_published   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX import_report_by_account ON import_report (account_id);

-- The one outcome of each client in each import: its primary key is what makes redelivery harmless.
CREATE TABLE client_outcome (
  import_id        TEXT NOT NULL,
  client_id        TEXT NOT NULL,
  account_id       TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  recorded_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (import_id, client_id)
);

-- One row per failure reason of a failed client (the failures file).
CREATE SEQUENCE failure_row_seq INCREMENT BY 50;
CREATE TABLE failure_row (
  id               BIGINT PRIMARY KEY,
  import_id        TEXT NOT NULL,
  account_id       TEXT NOT NULL,
  client_id        TEXT NOT NULL,
  client_reference TEXT,
  client_name      TEXT,
  reason_code      TEXT NOT NULL,
  detail           TEXT,
  status           TEXT NOT NULL DEFAULT 'OPEN',
  created_at       TIMESTAMPTZ NOT NULL,
  resolved_at      TIMESTAMPTZ
);
CREATE INDEX failure_row_by_import ON failure_row (import_id, reason_code, id);
CREATE INDEX failure_row_by_client ON failure_row (account_id, client_id);
