import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  createTestPostgres,
  enrolmentCode,
  freePort,
  startSyncServer,
  type SyncServerProcess,
  type TestPostgres,
} from './sync-server-process';
import { launchChromium, releaseRenderer } from './terminal-page';

/** What most terminal suites run against: a sync server on a database of its own, and Chromium. */
export type ServerStack = {
  readonly database: TestPostgres;
  /** The server's data folder (its keys), which the enrolment CLI needs too. */
  readonly dataDir: string;
  /** The running server (the latest, after `startServerAgain`). */
  readonly server: SyncServerProcess;
  readonly browser: Browser;
  /**
   * Starts the server again on the same port, database and folder, after the suite stopped it
   * (`server.stop()`, an outage): terminals find it where they left it.
   */
  startServerAgain(): Promise<SyncServerProcess>;
  /** A fresh enrolment code for a terminal of the store with this code (the server's CLI). */
  enrolmentCode(storeCode: string): Promise<string>;
  /** Closes Chromium, stops the server, drops the database, removes the folder and the build. */
  stop(): Promise<void>;
};

/**
 * Starts a suite's stack in its `beforeAll`; `name` marks the data folder (kiryana-e2e-<name>-…).
 * A suite disposes of its own served terminals before `stop()`.
 * @example
 * stack = await startServerStack(pgUrl ?? '', 'revoked');
 * // … afterAll: await terminal.dispose(); await stack.stop();
 */
export async function startServerStack(
  pgUrl: string,
  name: string,
  options: {
    /**
     * A built admin web (`buildAdminWebInto`) for the server to serve at /admin/, with the
     * embedded sign-in sending the browser back to it. The suite removes the build itself.
     */
    adminDist?: string;
  } = {},
): Promise<ServerStack> {
  const database = await createTestPostgres(pgUrl);
  const dataDir = mkdtempSync(join(tmpdir(), `kiryana-e2e-${name}-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The server adds PUBLIC_URL/admin/auth/callback to its default redirect URIs, which stay (the
  // suites' token helper, adminAccessToken, signs in through the default one).
  const env =
    options.adminDist === undefined
      ? undefined
      : { PUBLIC_URL: url, ADMIN_DIST: options.adminDist };
  const start = () =>
    startSyncServer({ databaseUrl: database.url, dataDir, port, ...(env && { env }) });
  let server = await start();
  const browser = await launchChromium();
  return {
    database,
    dataDir,
    get server() {
      return server;
    },
    browser,
    startServerAgain: async () => {
      server = await start();
      return server;
    },
    enrolmentCode: (storeCode) => enrolmentCode({ databaseUrl: database.url, dataDir, storeCode }),
    stop: async () => {
      await browser.close();
      await server.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
      await releaseRenderer();
    },
  };
}
