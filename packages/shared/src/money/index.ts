export * from './allocate';
export * from './cash-rounding';
export * from './currency';
export * from './minor-units';
export * from './money';
export * from './money-error';
export * from './money-parse';
export * from './rounding';
