/**
 * UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits. Facts are made offline on
 * terminals, so their ids must be unique without coordination and sort roughly by creation time.
 * Within one millisecond the generator keeps ids monotonic with a 12-bit counter in `rand_a`
 * (RFC 9562 §6.2 method 1), so ids made in a burst still sort in the order they were made.
 */

/** A source of wall-clock time in Unix epoch milliseconds; injected so tests can travel in time. */
export type Clock = { readonly now: () => number };

/** Fills the given array with cryptographically strong random bytes (e.g. `crypto.getRandomValues`). */
export type RandomSource = (bytes: Uint8Array) => void;

/** Generates UUIDv7 strings. */
export type UuidV7Generator = () => string;

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);
const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_TIMESTAMP_MS = 2 ** 48 - 1;

/**
 * Creates a UUIDv7 generator over an injected clock and random source.
 * @example
 * const nextId = createUuidV7Generator({ clock: { now: () => 0 }, random: (b) => b.fill(1) });
 * nextId(); // '00000000-0000-7101-8101-010101010101'
 */
export function createUuidV7Generator(deps: {
  clock: Clock;
  random: RandomSource;
}): UuidV7Generator {
  let lastMs = -1;
  let counter = 0;
  const bytes = new Uint8Array(16);
  return () => {
    let ms = Math.floor(deps.clock.now());
    if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_TIMESTAMP_MS) {
      throw new RangeError(`clock returned ${String(ms)}, not a Unix time in milliseconds`);
    }
    deps.random(bytes);
    if (ms <= lastMs) {
      // Same millisecond, or the clock stepped back: keep ordering by counting on from the last id.
      counter += 1;
      if (counter > 0xfff) {
        counter = 0;
        lastMs += 1;
      }
      ms = lastMs;
    } else {
      counter = ((bytes[6] ?? 0) & 0x07) * 256 + (bytes[7] ?? 0); // random start, room to count up
      lastMs = ms;
    }
    let t = ms;
    for (let i = 5; i >= 0; i -= 1) {
      bytes[i] = t % 256;
      t = Math.floor(t / 256);
    }
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    let out = '';
    for (let i = 0; i < 16; i += 1) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
      out += HEX[bytes[i] ?? 0] ?? '00';
    }
    return out;
  };
}

/** True when `value` is a lowercase UUID with version 7 and the RFC 9562 variant. */
export function isUuidV7(value: string): boolean {
  return UUID_V7_PATTERN.test(value);
}

/** The Unix millisecond timestamp embedded in a UUIDv7. */
export function uuidV7TimestampMs(id: string): number {
  if (!isUuidV7(id)) throw new RangeError(`not a UUIDv7: ${id}`);
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
