import { importPinKey } from '../features/pin/pin-crypto';
import { createPinGate } from '../features/pin/pin-gate';
import { rxdbPinStorage } from '../features/pin/pin-storage';
import { type PinKdfCost, type TestPerson, issueTestVerifiers } from './issue-verifiers';

const DAY_MS = 86_400_000;

/**
 * Stores PIN verifiers in a terminal database as if the server had issued them (valid for 30
 * days), sealed under the PIN key the terminal will run with, for tests and benches of a terminal
 * that never met a server.
 */
export async function seedPinVerifiers(
  db: Parameters<typeof rxdbPinStorage>[0],
  options: {
    pinKey: string;
    storeId: string;
    people: readonly TestPerson[];
    kdfCost?: PinKdfCost;
  },
): Promise<void> {
  const gate = createPinGate({
    storage: rxdbPinStorage(db),
    pinKey: await importPinKey(options.pinKey),
    clock: { now: () => Date.now() },
    newId: () => crypto.randomUUID(),
  });
  await gate.replaceVerifiers(
    await issueTestVerifiers({
      pinKey: options.pinKey,
      ...(options.kdfCost === undefined ? {} : { kdfCost: options.kdfCost }),
      storeId: options.storeId,
      issuedAtMs: Date.now(),
      expiresAtMs: Date.now() + 30 * DAY_MS,
      people: options.people.map((p) => ({ discountLimitBp: 0, ...p })),
    }),
  );
}
