-- How far the last published progress of each import went: progress made after it, within the publishing
-- interval and with nothing after to publish it, is sent by the sweep (import-api resumes an import's
-- enumeration by it once its clients in flight are few enough).
ALTER TABLE import_report ADD COLUMN published_processed BIGINT NOT NULL DEFAULT 0;
