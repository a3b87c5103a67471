// The public face of GST returns; the decimal and summing helpers stay internal.
export * from './gstr1-types';
export { type Gstr1Section, gstr1SectionOf, placeOfSupplyOf } from './gstr1-classify';
export { buildGstr1, filingPeriodOf } from './gstr1-build';
export * from './gstr1-csv';
export * from './gstr1.schema';
export * from './einvoice';
export * from './einvoice.schema';
