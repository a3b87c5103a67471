-- A store's GST settings (issue 19, store document version 2): the legal name of its GSTIN that
-- invoices print (Rule 46(a)), the composition scheme (Section 10: bills of supply without tax),
-- and e-invoicing (its GSTIN's turnover is above the threshold, so B2B invoices go to the IRP).
-- Defaults keep every existing store what it was: a regular taxpayer known by its trade name.
-- Changes go through the stores row, so the reference audit trigger and the pull sequence cover
-- them like any other store change.
ALTER TABLE stores
  ADD COLUMN legal_name text NOT NULL DEFAULT '',
  ADD COLUMN composition boolean NOT NULL DEFAULT false,
  ADD COLUMN einvoicing boolean NOT NULL DEFAULT false;
