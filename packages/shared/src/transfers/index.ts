/**
 * Inter-store transfers as a pure state machine: request → approve → dispatch (partial) →
 * receive (partial; shortages and damage become a discrepancy) → resolve → closed. Each step is
 * a fact with its own id; see docs/transfers-and-purchasing.md.
 */
export * from './transfer-facts';
export * from './transfer-state';
export * from './transfer-machine';
