import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { dumpPglite } from './pglite-backup';

/**
 * The embedded default's backup schedule: a server on PGlite with BACKUP_PGLITE_EVERY set dumps
 * its own database that often (only the process holding the folder can read it), keeping the
 * newest BACKUP_RETENTION_FULL dumps. A failed dump is logged and tried again next time.
 */
export function startPgliteBackups(
  db: Db,
  options: {
    readonly dir: string;
    readonly everyMs: number;
    readonly keep: number;
    readonly logger: Pick<Logger, 'info' | 'error'>;
  },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const once = async () => {
    const started = performance.now();
    try {
      const dump = await dumpPglite(db, { dir: options.dir, keep: options.keep, now: new Date() });
      options.logger.info(
        { file: dump.file, bytes: dump.bytes, ms: Math.round(performance.now() - started) },
        'PGlite backup dumped',
      );
    } catch (error) {
      options.logger.error({ err: error, dir: options.dir }, 'PGlite backup failed');
    }
  };
  const timer = setInterval(() => {
    running ??= once().finally(() => {
      running = undefined;
    });
  }, options.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
