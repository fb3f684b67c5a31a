-- The time of the last BrightManager save applied to the client: an older save is not applied over it.
ALTER TABLE client_sync ADD COLUMN last_save_at TIMESTAMPTZ;
