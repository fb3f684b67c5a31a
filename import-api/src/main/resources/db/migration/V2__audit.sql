-- Every start of a bulk import, and every refused start: who, in which role, for which account, when, and how it ended.
CREATE SEQUENCE import_audit_seq INCREMENT BY 50;
CREATE TABLE import_audit (
  id          BIGINT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  user_id     TEXT,
  role        TEXT,
  action      TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  import_id   TEXT,
  message     TEXT,
  at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX import_audit_by_account ON import_audit (account_id, at DESC);
