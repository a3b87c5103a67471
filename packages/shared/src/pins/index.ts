export * from './pin-rule';
export * from './pin-wire';
