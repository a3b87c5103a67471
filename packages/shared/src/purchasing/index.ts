/**
 * Purchase orders as a pure state machine, order units (a case of 24) in integer base units, and
 * the moving-average cost per (store, product); see docs/transfers-and-purchasing.md.
 */
export * from './order-units';
export * from './moving-average-cost';
export * from './purchase-order-facts';
export * from './purchase-order-state';
export * from './purchase-order-machine';
export * from './supplier';
