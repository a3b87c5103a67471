-- E-invoices (issue 19): the e-invoice JSON (schema 1.1) of a B2B tax invoice or credit note as it
-- was sent to the IRP, and what the IRP answered: the IRN, acknowledgement number and date, and
-- the signed QR code. One row per sale, written by `POST /v1/admin/sales/{saleId}/einvoice/register`
-- only: a registered row is never registered again (a replay answers it), a failed one may be
-- retried. The IRN is unique in the GST system, so here too.
CREATE TABLE einvoices (
  sale_id uuid PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (id),
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('registered', 'failed')),
  irn text,
  ack_no text,
  ack_date text,
  signed_qr_code text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'registered' OR (irn IS NOT NULL AND ack_no IS NOT NULL AND signed_qr_code IS NOT NULL))
);
CREATE UNIQUE INDEX einvoices_irn_idx ON einvoices (irn) WHERE irn IS NOT NULL;
CREATE INDEX einvoices_store_idx ON einvoices (store_id);
