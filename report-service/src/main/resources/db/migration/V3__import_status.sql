-- The import's status as import-api, its owner, announced it: RUNNING until import-api says COMPLETED,
-- FAILED (with the reason) or CANCELLED.
ALTER TABLE import_report
  ADD COLUMN status         TEXT NOT NULL DEFAULT 'RUNNING',
  ADD COLUMN failure_reason TEXT,
  ADD COLUMN ended_at       TIMESTAMPTZ;
UPDATE import_report SET status = 'COMPLETED', ended_at = completed_at WHERE completed_at IS NOT NULL;
