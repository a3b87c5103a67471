export * from './sale-document-checks';
export * from './stock-effect';
