-- Which import made a link: an import replaying a page after a restart must not count its own links as
-- "already linked".
ALTER TABLE client_link ADD COLUMN linked_by_import TEXT;
