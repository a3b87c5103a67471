/** Placeholder until this app is built; keeps the package type-checked. */
export const appName = 'sync-server';
