/**
 * Polls `check` until it passes or `timeoutMs` runs out, then throws its last failure: for tests
 * waiting on replication, streams or relays that settle asynchronously.
 */
export async function eventually(
  check: () => Promise<void> | void,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
