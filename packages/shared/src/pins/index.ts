export * from './pin-rule';
