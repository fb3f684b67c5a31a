-- When BrightClient was last enabled on the account: saves from before then never sync by themselves.
ALTER TABLE bm_account ADD COLUMN bright_client_enabled_at TIMESTAMPTZ;
UPDATE bm_account SET bright_client_enabled_at = updated_at WHERE bright_client_enabled;
