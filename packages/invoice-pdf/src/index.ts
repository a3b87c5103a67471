/** The A4 invoice PDF, drawn from the shared invoice model (packages/shared/src/invoice). */
export { renderInvoicePdf } from './invoice-pdf';
