import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type Db, PG_TYPE, parseInt8 } from './db';

const parsers = {
  [PG_TYPE.int8]: parseInt8,
  [PG_TYPE.date]: (text: string) => text,
};

/**
 * Opens embedded PGlite in `dataDir` (a folder; created if missing) or in memory when omitted.
 * PGlite is one connection: statements and transactions queue behind each other.
 * `loadDataDir` starts from a dump of another instance (`dumpPgliteDb`), skipping initdb.
 */
export async function openPgliteDb(
  dataDir?: string,
  options: { readonly loadDataDir?: Blob } = {},
): Promise<Db> {
  const lite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers,
  });
  const db: Db = {
    kind: 'pglite',
    async query(sql, params) {
      const result = await lite.query(sql, params as unknown[] | undefined);
      return {
        rows: result.rows as never[],
        rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0),
      };
    },
    async transaction(fn) {
      return lite.transaction(async (t: Transaction) =>
        fn({
          async query(sql, params) {
            const result = await t.query(sql, params as unknown[] | undefined);
            return {
              rows: result.rows as never[],
              rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0),
            };
          },
          async exec(sql) {
            await t.exec(sql);
          },
        }),
      );
    },
    async exec(sql) {
      await lite.exec(sql);
    },
    async listen(channel, onPayload) {
      const unlisten = await lite.listen(channel, onPayload);
      return async () => {
        await unlisten();
      };
    },
    async close() {
      await lite.close();
    },
  };
  dumpers.set(db, (compression) => lite.dumpDataDir(compression));
  return db;
}

const dumpers = new WeakMap<Db, (compression: 'none' | 'gzip') => Promise<Blob>>();

/**
 * A dump of a PGlite database's data folder: tests clone a migrated template from it, backups
 * keep it gzipped (backup/pglite-backup.ts).
 */
export async function dumpPgliteDb(db: Db, compression: 'none' | 'gzip' = 'none'): Promise<Blob> {
  const dump = dumpers.get(db);
  if (!dump) throw new Error('not a PGlite database');
  return dump(compression);
}
