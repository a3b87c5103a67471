import {
  type Actor,
  AppError,
  type EinvoiceJson,
  type Sale,
  buildEinvoice,
  can,
  type einvoiceStatusSchema,
  einvoiceRefusalOf,
} from '@kiryana/shared';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import { auditActorOf } from '../../db/audit-actor';
import { forbidden } from '../../auth/assert-can';
import { type GstStoreRow, gstStore, saleById, salesById, unitsOf } from './gst-returns.queries';
import type { IrpClient } from './irp-client';

/**
 * E-invoices of sales: the JSON of schema 1.1 for a B2B tax invoice (or a credit note against
 * one) of a store under e-invoicing, and its registration at the IRP. Registration is once per
 * sale: the row is locked while the IRP answers, and a replay answers the stored IRN.
 */

type EinvoiceStatus = z.infer<typeof einvoiceStatusSchema>;

type EinvoiceDbRow = {
  payload: EinvoiceJson;
  status: 'registered' | 'failed';
  irn: string | null;
  ack_no: string | null;
  ack_date: string | null;
  signed_qr_code: string | null;
  error: string | null;
};

/** A sale with its store and e-invoice JSON, after the reach and applicability checks. */
type Subject = { sale: Sale; store: GstStoreRow; payload: EinvoiceJson };

async function subjectOf(
  q: Queryable,
  actor: Actor,
  permission: 'sales:read' | 'gst:file',
  saleId: string,
): Promise<Subject> {
  const sale = await saleById(q, saleId);
  const store = sale ? await gstStore(q, sale.storeId) : null;
  if (!sale || !store) throw new AppError('NOT_FOUND', 'No such sale.');
  if (!can(actor, permission, { storeId: store.id, regionId: store.regionId })) {
    throw forbidden(permission);
  }
  const original =
    sale.kind === 'return' && sale.originalSaleId
      ? ((await salesById(q, [store.id], [sale.originalSaleId])).get(sale.originalSaleId) ?? null)
      : null;
  const refusal = einvoiceRefusalOf(sale, original, store);
  if (refusal !== null) {
    throw new AppError('EINVOICE_NOT_APPLICABLE', refusalText[refusal], { reason: refusal });
  }
  const units = await unitsOf(
    q,
    sale.lines.map((l) => l.productId),
  );
  const payload = buildEinvoice(
    sale,
    original,
    {
      gstin: store.gstin,
      legalName: store.legalName,
      tradeName: store.nameEn,
      address: store.address,
      stateCode: store.stateCode,
    },
    (productId) => units.get(productId) ?? 'piece',
  );
  return { sale, store, payload };
}

const refusalText = {
  STORE_NOT_EINVOICING: 'The store is not under e-invoicing.',
  NOT_B2B: 'Only invoices to a buyer with a GSTIN (and their credit notes) are e-invoiced.',
  BILL_OF_SUPPLY: 'A bill of supply of a composition store is not e-invoiced.',
} as const;

function statusOf(
  saleId: string,
  payload: EinvoiceJson,
  row: EinvoiceDbRow | undefined,
): EinvoiceStatus {
  return {
    saleId,
    payload: row?.payload ?? payload,
    status: row?.status ?? 'not-registered',
    irn: row?.irn ?? null,
    ackNo: row?.ack_no ?? null,
    ackDate: row?.ack_date ?? null,
    signedQrCode: row?.signed_qr_code ?? null,
    error: row?.error ?? null,
  };
}

const SELECT_ROW = `SELECT payload, status, irn, ack_no, ack_date, signed_qr_code, error FROM einvoices WHERE sale_id = $1`;

/** The e-invoice of a sale: its JSON, and the IRN once registered (sales:read in its store). */
export async function einvoiceOf(db: Db, actor: Actor, saleId: string): Promise<EinvoiceStatus> {
  const { payload } = await subjectOf(db, actor, 'sales:read', saleId);
  const { rows } = await db.query<EinvoiceDbRow>(SELECT_ROW, [saleId]);
  return statusOf(saleId, payload, rows[0]);
}

/**
 * Registers a sale's e-invoice at the IRP (gst:file in its store), audited. A registered sale
 * answers what it got the first time; a failed registration may be retried.
 */
export async function registerEinvoice(
  db: Db,
  irp: IrpClient,
  actor: Actor,
  saleId: string,
): Promise<EinvoiceStatus> {
  const { sale, store, payload } = await subjectOf(db, actor, 'gst:file', saleId);
  return db.transaction(async (tx) => {
    // The lock row makes concurrent registers of one sale wait for the first one's answer.
    await tx.query(
      `INSERT INTO einvoices (sale_id, store_id, payload, status, error)
       VALUES ($1, $2, $3, 'failed', 'registration in progress')
       ON CONFLICT (sale_id) DO NOTHING`,
      [saleId, store.id, JSON.stringify(payload)],
    );
    const { rows } = await tx.query<EinvoiceDbRow>(`${SELECT_ROW} FOR UPDATE`, [saleId]);
    const existing = rows[0];
    if (existing?.status === 'registered') return statusOf(saleId, payload, existing);
    let row: EinvoiceDbRow;
    try {
      const answer = await irp.register(payload, sale.businessDate);
      row = {
        payload,
        status: 'registered',
        irn: answer.irn,
        ack_no: answer.ackNo,
        ack_date: answer.ackDate,
        signed_qr_code: answer.signedQrCode,
        error: null,
      };
    } catch (error) {
      row = {
        payload,
        status: 'failed',
        irn: null,
        ack_no: null,
        ack_date: null,
        signed_qr_code: null,
        error:
          error instanceof Error ? error.message.slice(0, 500) : 'the IRP refused the e-invoice',
      };
    }
    await tx.query(
      `UPDATE einvoices SET payload = $2, status = $3, irn = $4, ack_no = $5, ack_date = $6,
              signed_qr_code = $7, error = $8, updated_at = now()
        WHERE sale_id = $1`,
      [
        saleId,
        JSON.stringify(row.payload),
        row.status,
        row.irn,
        row.ack_no,
        row.ack_date,
        row.signed_qr_code,
        row.error,
      ],
    );
    await appendAudit(tx, {
      kind: row.status === 'registered' ? 'einvoice.registered' : 'einvoice.failed',
      actor: auditActorOf(actor),
      subject: saleId,
      data: {
        storeId: store.id,
        invoiceNo: sale.invoiceNo,
        irp: irp.name,
        irn: row.irn,
        ackNo: row.ack_no,
        error: row.error,
      },
    });
    return statusOf(saleId, payload, row);
  });
}
