-- BrightManager stand-in: practice accounts and their client files.
CREATE TABLE bm_account (
  account_id            TEXT PRIMARY KEY,
  name                  TEXT NOT NULL,
  bright_client_enabled BOOLEAN NOT NULL,
  updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE bm_client_seq CACHE 1000;

CREATE TABLE bm_client (
  account_id       TEXT NOT NULL,
  client_id        TEXT NOT NULL,
  -- listing order; stable across saves so cursors never skip or repeat a client
  seq              BIGINT NOT NULL DEFAULT nextval('bm_client_seq'),
  body             TEXT NOT NULL,
  -- what the generator injected (comma-separated failure codes, '' for a valid client);
  -- NULL once the client is saved by hand, since nobody then knows
  expected_reasons TEXT,
  saved_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, client_id)
);
CREATE UNIQUE INDEX bm_client_listing ON bm_client (account_id, seq);

-- BrightClient stand-in: the central client repository.
CREATE SEQUENCE bc_client_seq CACHE 1000;

CREATE TABLE bc_client (
  id                 TEXT PRIMARY KEY,
  account_id         TEXT NOT NULL,
  bright_manager_id  TEXT,
  idempotency_key    TEXT NOT NULL,
  body               TEXT NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (account_id, idempotency_key)
);
CREATE INDEX bc_client_by_account ON bc_client (account_id, bright_manager_id);
