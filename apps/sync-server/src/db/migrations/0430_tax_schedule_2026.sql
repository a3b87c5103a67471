-- Compensation cess on pan masala and tobacco ends on 1 Feb 2026 and those goods move to 40 %
-- (biris to 18 %): Notification 19/2025-Central Tax (Rate), G.S.R. 946(E), and 03/2025-
-- Compensation Cess (Rate), G.S.R. 945(E), both of 31 Dec 2025 (docs/gst.md, "Schedule").
-- A database seeded before this release holds the open-ended 28 % + 60 % pan masala row: close
-- it on that day and add the rows that packages/shared's INDIAN_GST_SCHEDULE now ships. A
-- database not seeded yet has no tax rows; its seed brings the new schedule, so nothing happens
-- here. The seq trigger numbers every row changed, so terminals pull the change.
UPDATE tax_rates
   SET effective_to = DATE '2026-02-01',
       description = 'Pan masala: 28 % + 60 % compensation cess → 40 % from 1 Feb 2026',
       updated_at = now()
 WHERE id = 'gst-28-cess-pan-masala@2024-04-01' AND effective_to IS NULL;

INSERT INTO tax_rates (id, tax_class_id, rate_bp, cess_bp, effective_from, effective_to, description)
SELECT v.id, v.tax_class_id, v.rate_bp, v.cess_bp, v.effective_from, v.effective_to, v.description
  FROM (VALUES
    ('gst-28-cess-pan-masala@2026-02-01', 'gst-28-cess-pan-masala', 4000, 0, DATE '2026-02-01', NULL::date,
     'Pan masala: 28 % + 60 % compensation cess → 40 % from 1 Feb 2026'),
    ('gst-biris@2024-04-01', 'gst-biris', 2800, 0, DATE '2024-04-01', DATE '2026-02-01',
     'Biris: 28 % → 18 % from 1 Feb 2026'),
    ('gst-biris@2026-02-01', 'gst-biris', 1800, 0, DATE '2026-02-01', NULL::date,
     'Biris: 28 % → 18 % from 1 Feb 2026'),
    ('gst-tobacco@2026-02-01', 'gst-tobacco', 4000, 0, DATE '2026-02-01', NULL::date,
     'Cigarettes, chewing tobacco, gutkha: 40 % from 1 Feb 2026')
  ) AS v(id, tax_class_id, rate_bp, cess_bp, effective_from, effective_to, description)
 WHERE EXISTS (SELECT 1 FROM tax_rates WHERE id = 'gst-28-cess-pan-masala@2024-04-01')
ON CONFLICT (id) DO NOTHING;
