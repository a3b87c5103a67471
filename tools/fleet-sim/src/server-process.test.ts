import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimDatabase, createSimDatabase } from './sim-database';
import { startServerProcess } from './server-process';
import { systemTestPgUrl } from './system-test-env';

const pgUrl = systemTestPgUrl();

/** `entry: 'compiled'`: the fleet runs `node dist/server.mjs`, built on demand, as production does. */
describe.skipIf(!pgUrl)('server process, compiled', () => {
  let database: SimDatabase;

  beforeAll(async () => {
    database = await createSimDatabase(pgUrl ?? '', { products: 10 });
  });

  afterAll(async () => {
    await database.drop();
  });

  it('starts the compiled server, which is ready at once and stops on SIGTERM', async () => {
    const server = await startServerProcess({
      databaseUrl: database.url,
      deviceTokenSecret: randomBytes(32).toString('base64url'),
      entry: 'compiled',
      name: 'compiled',
    });
    try {
      // Plain node on the bundle, no tsx loader (Linux's /proc shows the command line).
      const commandLine = await readFile(`/proc/${String(server.pid())}/cmdline`, 'utf8');
      expect(commandLine.split('\0').slice(1, -1)).toEqual([
        expect.stringMatching(/apps\/sync-server\/dist\/server\.mjs$/) as string,
      ]);
      const ready = await fetch(`${server.url()}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(server.isUp()).toBe(false);
  }, 60_000);
});
