export * from './invoice-error';
export * from './financial-year';
export * from './invoice-number';
export * from './invoice-series';
export * from './amount-in-words';
export * from './invoice-model';
