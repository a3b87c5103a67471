import { checkSaleDocument, type Sale } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { QuarantineInsert } from './quarantine.queries';
import { existingSaleIds } from './return-refund.queries';

/** A pushed sale waiting to be stored (the push engine's hashed document). */
type Candidate = { readonly doc: Sale };

/** The GST settings of a store that a pushed sale is held to. */
type StoreGst = { readonly stateCode: string; readonly composition: boolean };

const TAX_HEADS = ['cgstMinor', 'sgstMinor', 'igstMinor', 'cessMinor'] as const;

/**
 * Refuses pushed sales and returns that break the rules needing the store's GST settings, which a
 * terminal's document does not carry and the push's synchronous checks therefore cannot know:
 * - the supply type must follow the place of supply and the store's state (`checkSaleDocument`
 *   with `storeStateCode`: PLACE_OF_SUPPLY_MISMATCH; its other rules already passed);
 * - a composition store may not charge tax (Section 10(4)): a sale issued as a tax invoice with
 *   tax is refused (COMPOSITION_TAX_INVOICE). A return is not: it reverses what its original
 *   charged, possibly before the store joined the scheme, and the refund cap already bounds it.
 * Refused rows move from `candidates` to `refused`, before the refund check, so a return of a
 * refused sale in the same push finds no original. One query per push with sales, two when one
 * breaks a rule.
 */
export async function refuseStoreGstBreaks(
  tx: Queryable,
  storeId: string,
  candidates: Candidate[],
  refused: Map<string, QuarantineInsert>,
): Promise<void> {
  if (candidates.length === 0) return;
  const store = await storeGstOf(tx, storeId);
  if (!store) return;
  const breaches = new Map<string, Pick<QuarantineInsert, 'code' | 'message'>>();
  for (const { doc } of candidates) {
    const breach = gstBreachOf(doc, store);
    if (breach) breaches.set(doc.id, breach);
  }
  if (breaches.size === 0) return;
  // A document already stored is a retry or a conflict (the settings may have changed since it
  // was stored): the push's own classification answers it, never a quarantine.
  const existing = await existingSaleIds(tx, [...breaches.keys()]);
  for (let i = candidates.length - 1; i >= 0; i -= 1) {
    const candidate = candidates[i];
    const breach = candidate && breaches.get(candidate.doc.id);
    if (!candidate || !breach || existing.has(candidate.doc.id)) continue;
    candidates.splice(i, 1);
    refused.set(candidate.doc.id, { documentId: candidate.doc.id, ...breach, doc: candidate.doc });
  }
}

function gstBreachOf(
  doc: Sale,
  store: StoreGst,
): Pick<QuarantineInsert, 'code' | 'message'> | null {
  const [problem] = checkSaleDocument(doc, { storeStateCode: store.stateCode });
  if (problem) return { code: problem.code, message: problem.message };
  const taxed = doc.lines.some((line) => TAX_HEADS.some((head) => line[head] > 0));
  if (store.composition && doc.kind === 'sale' && doc.invoiceKind !== 'bill-of-supply' && taxed) {
    return {
      code: 'COMPOSITION_TAX_INVOICE',
      message: 'A composition store issues bills of supply without tax, not tax invoices.',
    };
  }
  return null;
}

async function storeGstOf(q: Queryable, storeId: string): Promise<StoreGst | undefined> {
  const { rows } = await q.query<{ state_code: string; composition: boolean }>(
    'SELECT state_code, composition FROM stores WHERE id = $1',
    [storeId],
  );
  const row = rows[0];
  return row ? { stateCode: row.state_code, composition: row.composition } : undefined;
}
