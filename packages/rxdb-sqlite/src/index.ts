export { getRxStorageSQLite } from './storage';
export type { RxStorageSQLite, SQLiteStorageSettings } from './storage';
export { RxStorageInstanceSQLite } from './instance';
export type { SQLiteInstanceOptions, SQLiteInternals } from './instance';
