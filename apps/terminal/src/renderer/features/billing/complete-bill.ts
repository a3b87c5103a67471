import {
  businessDate,
  checkSaleDocument,
  computeBill,
  INDIA_TIME_ZONE,
  type BillIssue,
  type Clock,
  type Sale,
  type SaleDocumentProblem,
  type UuidV7Generator,
} from '@kiryana/shared';
import type { TerminalDatabase } from '../../db/database';
import { recordSale } from '../../db/facts';
import { issueInvoiceNumber } from '../../db/invoice-series';
import type { Stored } from '../../db/schemas';
import { billInputOf, invoiceKindOf, placeOfSupplyOf, type BillContext } from './bill-preview';
import type { CartState } from './cart';
import { saleDocumentOf } from './sale-document';

/** What completing a bill needs: the database, the injected clock and ids, and who we are. */
export type CompleteBillDeps = {
  readonly db: TerminalDatabase;
  readonly clock: Clock;
  readonly newId: UuidV7Generator;
  readonly storeId: string;
  readonly terminalId: string;
  /** The signed-in cashier, recorded on the document. */
  readonly cashierId?: string | null;
  readonly seriesCode: string;
  readonly timeZone?: string;
  /** Serialises invoice numbering and writes (see createSerialQueue). */
  readonly serially: <T>(task: () => Promise<T>) => Promise<T>;
};

/** The outcome of completing a bill. Nothing is stored when it is not ok. */
export type CompleteBillResult =
  | { readonly ok: true; readonly sale: Stored<Sale> }
  | {
      readonly ok: false;
      /** Why the bill could not be computed: what the cashier fixes in the cart. */
      readonly errors: readonly BillIssue[];
      /**
       * The rules its document breaks that the server checks on push (`checkSaleDocument`):
       * stored, it would be quarantined there. Empty when `errors` is not.
       */
      readonly problems: readonly SaleDocumentProblem[];
    };

/**
 * Completes a bill: computes it once more (the cart may have changed since the preview), issues
 * the next offline invoice number and stores one sale document, unless the document breaks a
 * rule the server checks on push: a bill the server would quarantine never leaves the counter
 * (the invoice number is then not used up). Never waits on the network.
 * @example
 * const result = await completeBill(deps, cart, { currency: 'INR', allowCredit: false, storeStateCode: '29' });
 */
export function completeBill(
  deps: CompleteBillDeps,
  cart: CartState,
  context: BillContext,
): Promise<CompleteBillResult> {
  return deps.serially(async () => {
    const result = computeBill(billInputOf(cart, context));
    if (!result.ok) return { ok: false, errors: result.errors, problems: [] };
    const now = new Date(deps.clock.now());
    const place = placeOfSupplyOf(cart, context);
    const issued = await issueInvoiceNumber(deps.db, deps.seriesCode, now);
    const sale = saleDocumentOf(result.bill, {
      id: deps.newId(),
      kind: 'sale',
      storeId: deps.storeId,
      terminalId: deps.terminalId,
      invoiceNo: issued.invoiceNo,
      originalSaleId: null,
      customerId: cart.customerId,
      cashierId: deps.cashierId ?? null,
      createdAt: now.toISOString(),
      businessDate: businessDate(now, deps.timeZone ?? INDIA_TIME_ZONE),
      buyer: cart.buyer ?? null,
      ...(place === null ? {} : { placeOfSupply: place.stateCode }),
      invoiceKind: invoiceKindOf(context),
    });
    const problems = checkSaleDocument(sale, {
      storeId: deps.storeId,
      ...(context.storeStateCode === undefined ? {} : { storeStateCode: context.storeStateCode }),
    });
    if (problems.length > 0) return { ok: false, errors: [], problems };
    await recordSale(deps.db, sale);
    await issued.commit();
    return { ok: true, sale };
  });
}
