/**
 * `@kiryana/terminal/headless`: the terminal's renderer code without its screens, for tools that
 * run a terminal from a script (the fleet simulator, the initial-sync benchmark). They open the
 * terminal's own database, catalogue, billing, stock documents and sync session, so a simulated
 * counter exercises the code a cashier's counter runs. Everything else in the package is internal;
 * ESLint refuses imports of `@kiryana/terminal/renderer/…` and `…/src/…`.
 */
export type { Catalogue, CatalogueProduct } from './catalogue/catalogue';
export { type LiveCatalogue, openLiveCatalogue } from './catalogue/live-catalogue';
export { type TerminalDatabase, openTerminalDatabase } from './db/database';
export { reconcileOutbox, recordMovements, recordStep } from './db/facts';
export { createSerialQueue } from './db/invoice-series';
export { type BillContext, previewBill } from './features/billing/bill-preview';
export { type CartState, EMPTY_CART, cartReducer } from './features/billing/cart';
export { completeBill } from './features/billing/complete-bill';
export { lineForProduct } from './features/billing/scan';
export { receiptMovements } from './features/stock/stock-documents';
export { type DeviceCredential, invoiceSeriesOf } from './sync/device-credential';
export { type SyncSession, type SyncStatus, startSyncSession } from './sync/sync-session';
