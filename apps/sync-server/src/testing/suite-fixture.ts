import { afterAll, beforeAll } from 'vitest';

/**
 * A fixture a suite opens once (a harness, a test app): `beforeAll` opens it, `afterAll` closes
 * it, and the returned stand-in forwards every property to the opened fixture. A suite writes
 * `const h = suiteFixture(() => openSyncHarness(database))` instead of a `let` and two hooks.
 *
 * Hooks the suite registers after this call run after the fixture opened and, on the way out,
 * before it closes (vitest runs `beforeAll` in order and `afterAll` in reverse). With `skip` the
 * fixture is never opened (a Postgres-only suite without Postgres). Touching the stand-in before
 * it opened throws, naming why.
 */
export function suiteFixture<T extends { close(): Promise<void> }>(
  open: () => Promise<T>,
  options: { timeoutMs?: number; skip?: boolean } = {},
): T {
  let opened: T | undefined;
  beforeAll(async () => {
    if (options.skip) return;
    opened = await open();
  }, options.timeoutMs ?? 60_000);
  afterAll(async () => {
    await opened?.close();
    opened = undefined;
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!opened)
        throw new Error(`suite fixture read (${String(key)}) before beforeAll opened it`);
      const value: unknown = Reflect.get(opened, key);
      return typeof value === 'function' ? (value as () => unknown).bind(opened) : value;
    },
  });
}
