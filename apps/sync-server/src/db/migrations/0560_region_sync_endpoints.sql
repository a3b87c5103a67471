-- Regions (issue 20): the sync endpoints a terminal of a region talks to, in order, the region's own
-- first. Enrolment hands them to the terminal, which fails over down the list and comes back to the
-- first. Empty means "only the server you enrolled with", which is what every terminal did before.
ALTER TABLE regions
  ADD COLUMN sync_endpoints text[] NOT NULL DEFAULT '{}';
