/**
 * `@kiryana/sync-server/operator`: what a tool outside the server process (the fleet simulator,
 * system benchmarks) may use to operate a server the way its own CLI does: open a Postgres
 * database, migrate and seed it, mint the operator token of a running server, compute the
 * id checksums that `GET /v1/sync/health` answers, and take a manager's transfer and PO steps
 * through the workflow service the admin routes use (the simulator's manager). Everything else
 * in the package is internal; ESLint refuses imports of `@kiryana/sync-server/src/…`.
 */
export { deriveOperatorToken } from './auth/device-token';
export { archiveSettings, type PgbackrestSettings } from './backup/pgbackrest';
export type { Db } from './db/db';
export { migrate } from './db/migrate';
export { openPgDb } from './db/pg-db';
export { growCatalogue } from './features/seed/grow-catalogue';
export { seedDemo } from './features/seed/seed.service';
export { idChecksum } from './features/sync-health/id-checksum';
export { applyPurchaseOrderStep, applyTransferStep } from './features/workflow/workflow.service';
