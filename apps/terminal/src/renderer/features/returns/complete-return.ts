import {
  businessDate,
  checkSaleDocument,
  INDIA_TIME_ZONE,
  type Sale,
  type SaleDocumentProblem,
} from '@kiryana/shared';
import { recordSale } from '../../db/facts';
import { issueInvoiceNumber } from '../../db/invoice-series';
import { returnsOf } from '../../db/sales-queries';
import type { Stored } from '../../db/schemas';
import type { CompleteBillDeps } from '../billing/complete-bill';
import { saleDocumentOf } from '../billing/sale-document';
import { mergeReturns } from './find-bill';
import { computeReturn, refundHistoryOf, type ReturnProblem } from './return-bill';

/**
 * Why a return was not stored: it could not be computed, or its credit note breaks a rule the
 * server checks on push (`checkSaleDocument`) and would be quarantined there.
 */
type CompleteReturnProblem =
  ReturnProblem | { readonly code: 'DOCUMENT'; readonly problems: readonly SaleDocumentProblem[] };

/** The outcome of completing a return. Nothing is stored when it is not ok. */
export type CompleteReturnResult =
  | { readonly ok: true; readonly sale: Stored<Sale> }
  | { readonly ok: false; readonly problem: CompleteReturnProblem };

/**
 * Completes a return of `selected` quantities (original lineNo → qtyBase): checks them against
 * the earlier returns of the bill, numbers the credit note from the terminal's return series and
 * stores one `kind: 'return'` document, unless it breaks a rule the server checks on push (the
 * refund cap by the returns this terminal knows of). The server derives its stock movements.
 * `serverReturns`: the returns the server reported for a bill fetched from it (find-bill.ts),
 * counted with this terminal's own returns of the bill.
 */
export function completeReturn(
  deps: CompleteBillDeps & { readonly returnSeriesCode: string },
  original: Stored<Sale>,
  selected: ReadonlyMap<number, number>,
  serverReturns: readonly Stored<Sale>[] = [],
): Promise<CompleteReturnResult> {
  return deps.serially(async () => {
    const earlier = mergeReturns(serverReturns, await returnsOf(deps.db, original.id));
    const computed = computeReturn(original, earlier, selected);
    if (!computed.ok) return computed;
    const now = new Date(deps.clock.now());
    const issued = await issueInvoiceNumber(deps.db, deps.returnSeriesCode, now);
    const sale = saleDocumentOf(computed.value.bill, {
      id: deps.newId(),
      kind: 'return',
      storeId: deps.storeId,
      terminalId: deps.terminalId,
      invoiceNo: issued.invoiceNo,
      originalSaleId: original.id,
      customerId: original.customerId,
      cashierId: deps.cashierId ?? null,
      createdAt: now.toISOString(),
      businessDate: businessDate(now, deps.timeZone ?? INDIA_TIME_ZONE),
      lineNos: computed.value.lineNos,
      // A credit note is issued to whom the invoice was, for the same place of supply and of the
      // same kind (a bill of supply's return charges no tax either); a v1 original has none.
      buyer: original.buyer ?? null,
      ...(original.placeOfSupply === undefined ? {} : { placeOfSupply: original.placeOfSupply }),
      ...(original.invoiceKind === undefined ? {} : { invoiceKind: original.invoiceKind }),
    });
    const problems = checkSaleDocument(sale, {
      storeId: deps.storeId,
      refundHistory: refundHistoryOf(original, earlier),
    });
    if (problems.length > 0) return { ok: false, problem: { code: 'DOCUMENT', problems } };
    await recordSale(deps.db, sale);
    await issued.commit();
    return { ok: true, sale };
  });
}
