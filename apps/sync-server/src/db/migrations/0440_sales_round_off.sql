-- Net sales and round-off as two figures (docs/reports.md): a bill's total is its net (taxable
-- value + GST + cess, after discounts) plus the round-off to the rupee, which the push rules
-- check (totalMinor = netMinor + roundOffMinor). The round-off lives in the document; a stored
-- generated column lets the dashboard and reports sum it without reading every document, and
-- keeps the sync push's INSERT unchanged. Existing rows are filled when the column is added.
ALTER TABLE sales
  ADD COLUMN round_off_minor bigint NOT NULL
  GENERATED ALWAYS AS (coalesce((doc #>> '{totals,roundOffMinor}')::bigint, 0)) STORED;
