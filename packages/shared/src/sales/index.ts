export * from './sale-document-checks';
export * from './stock-effect';
export * from './sale-movements';
export * from './bill-lookup';
