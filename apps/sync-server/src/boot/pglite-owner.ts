import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Embedded PGlite is one process's database: a second process opening the same folder would
 * corrupt it. The server records itself in `<DATA_DIR>/server.json`; the CLI reads it and, while
 * that process lives, talks to the server instead of opening the folder.
 */

/** What a running server records about itself. */
export type PgliteOwner = { pid: number; url: string; startedAt: string };

const FILE = 'server.json';

/** The live server owning the data folder, if any; a record of a dead process is ignored. */
export async function readPgliteOwner(dataDir: string): Promise<PgliteOwner | undefined> {
  let owner: PgliteOwner;
  try {
    owner = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as PgliteOwner;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(owner.pid) || owner.pid === process.pid) return undefined;
  try {
    process.kill(owner.pid, 0);
    return owner;
  } catch (error) {
    // EPERM: alive but someone else's. ESRCH: gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? owner : undefined;
  }
}

/** Refuses to start when another live process owns the folder. */
export async function assertPgliteFree(dataDir: string): Promise<void> {
  const owner = await readPgliteOwner(dataDir);
  if (owner) {
    throw new Error(
      `The data folder ${dataDir} is in use by the server with pid ${owner.pid} (${owner.url}). ` +
        'Stop it first, or set DATA_DIR or DATABASE_URL.',
    );
  }
}

/** Records this process as the owner; returns a function that removes the record. */
export async function recordPgliteOwner(
  dataDir: string,
  url: string,
): Promise<() => Promise<void>> {
  const owner: PgliteOwner = { pid: process.pid, url, startedAt: new Date().toISOString() };
  await writeFile(join(dataDir, FILE), `${JSON.stringify(owner)}\n`);
  return async () => {
    const current = await readPgliteOwner(dataDir).catch(() => undefined);
    if (current === undefined) await unlink(join(dataDir, FILE)).catch(() => undefined);
  };
}
