export { StockError, type StockErrorCode } from './stock-error';
export * from './stock-movement';
export * from './stock-level';
export * from './movement-document-checks';
