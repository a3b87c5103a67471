export * from './format-date';
export * from './format-money';
export * from './format-number';
export { type NumberingSystem } from './scaled-decimal';
export * from './format-quantity';
