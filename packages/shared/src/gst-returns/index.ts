export * from './decimal';
export * from './gstr1-types';
export * from './gstr1-classify';
export * from './gstr1-build';
export * from './gstr1-csv';
export * from './gstr1.schema';
export * from './einvoice';
export * from './einvoice.schema';
