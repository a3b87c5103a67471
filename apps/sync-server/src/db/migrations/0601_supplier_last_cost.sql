-- A goods receipt against a purchase order remembers what the supplier charged (issue 15): each
-- received product's cost per base unit × the supplier's pack becomes its last cost per order unit,
-- which the next PO drafted from the low-stock list starts from. A receipt step row is inserted
-- only when the workflow service accepted it, and a replay inserts nothing (ON CONFLICT DO NOTHING
-- fires no insert trigger), so each accepted receipt updates once. The PO's own document row (with
-- the supplier) is written before its step rows. A cost whose pack price would not be an exact
-- integer of paise in JSON (beyond 2^53 − 1) is left alone rather than failing the receipt.
CREATE FUNCTION supplier_last_cost_from_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_supplier text;
BEGIN
  SELECT doc->'body'->>'supplierId' INTO v_supplier FROM workflow_documents
   WHERE id = NEW.doc_id AND kind = 'purchase-order' LIMIT 1;
  IF v_supplier IS NULL THEN RETURN NULL; END IF;
  UPDATE supplier_products spp
     SET last_cost_minor_per_order_unit = ((l->>'unitCostMinor')::numeric * spp.base_units_per_order_unit)::bigint
    FROM jsonb_array_elements(NEW.doc->'body'->'lines') AS l
   WHERE spp.supplier_id = v_supplier AND spp.product_id = l->>'productId'
     AND (l->>'unitCostMinor')::numeric * spp.base_units_per_order_unit <= 9007199254740991;
  RETURN NULL;
END $$;

CREATE TRIGGER workflow_documents_supplier_last_cost AFTER INSERT ON workflow_documents
  FOR EACH ROW WHEN (NEW.kind = 'po-step' AND NEW.status = 'receive')
  EXECUTE FUNCTION supplier_last_cost_from_receipt();
