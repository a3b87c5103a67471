import { connect } from 'node:net';

/**
 * The NATS server with JetStream that event tests use: TEST_NATS_URL, else the local default
 * `nats://127.0.0.1:4222` (.ci/run starts one there). Outside CI an unreachable server leaves the
 * NATS cases out; under CI=true it fails the suite, like a missing Postgres.
 */

/** The default NATS of developer machines and CI. */
const DEFAULT_TEST_NATS_URL = 'nats://127.0.0.1:4222';

/** The NATS URL to test against, or undefined (outside CI only) when nothing answers there. */
export async function testNatsUrl(): Promise<string | undefined> {
  const url = process.env.TEST_NATS_URL || DEFAULT_TEST_NATS_URL;
  if (await reachable(url)) return url;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but no NATS server answers at ${url}: the NATS suites must run in CI`);
  }
  return undefined;
}

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 4222) });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}
