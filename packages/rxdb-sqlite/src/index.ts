export { getRxStorageSQLite } from './storage';
export type { RxStorageSQLite, SQLiteStorageSettings } from './storage';
export { RxStorageInstanceSQLite } from './instance';
export type { SQLiteInstanceOptions, SQLiteInternals } from './instance';
export { DATABASE_KEY_BYTES, DatabaseKeyError } from './encryption/cipher';
export type { DatabaseKey } from './encryption/cipher';
