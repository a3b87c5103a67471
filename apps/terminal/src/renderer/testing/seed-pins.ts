import { derivePepperKey, derivePinBytes, toBase64Url } from '../features/pin/pin-crypto';
import { createPinGate } from '../features/pin/pin-gate';
import { rxdbPinStorage } from '../features/pin/pin-storage';

/** The least PBKDF2 work the terminal accepts: enough for tests, fast to derive. */
const TEST_PIN_ITERATIONS = 10_000;
const DAY_MS = 86_400_000;

/**
 * Stores PIN verifiers in a terminal database as if the server had issued them (valid for 30
 * days), peppered with the device secret the terminal will run with, for tests and benches of a
 * terminal that never met a server.
 */
export async function seedPinVerifiers(
  db: Parameters<typeof rxdbPinStorage>[0],
  options: {
    deviceSecret: string;
    storeId: string;
    people: readonly {
      userId: string;
      displayName: string;
      pin: string;
      permissions?: readonly string[];
      discountLimitBp?: number;
    }[];
  },
): Promise<void> {
  const gate = createPinGate({
    storage: rxdbPinStorage(db),
    pepperKey: await derivePepperKey(options.deviceSecret),
    clock: { now: () => Date.now() },
    newId: () => crypto.randomUUID(),
  });
  const people = [];
  for (const person of options.people) {
    const salt = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const verifier = await derivePinBytes(person.pin, salt, TEST_PIN_ITERATIONS);
    people.push({
      userId: person.userId,
      displayName: person.displayName,
      permissions: [...(person.permissions ?? [])],
      discountLimitBp: person.discountLimitBp ?? 0,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: TEST_PIN_ITERATIONS, salt },
      verifier: toBase64Url(verifier),
      version: 1,
    });
  }
  await gate.replaceVerifiers({
    storeId: options.storeId,
    issuedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    people,
  });
}
