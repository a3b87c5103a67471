-- Regions (issue 20): the sync endpoint a terminal last reported talking to, so HQ sees which
-- terminals have failed over to another region and when they are back home. Null when a terminal
-- of an older version does not send it.
ALTER TABLE device_health
  ADD COLUMN endpoint text;
