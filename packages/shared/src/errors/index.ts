export * from './error-codes';
export * from './error-envelope';
export * from './quarantine-codes';
