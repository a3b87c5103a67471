/**
 * A small seeded PRNG (mulberry32) so the demo chain is the same on every machine and every run:
 * two seeds with one seed value yield byte-identical tables. Not for anything secret.
 */
export type SeedRandom = {
  /** An integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  /** True with probability `percent` / 100. */
  chance(percent: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new array with the items in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** Fills bytes, for UUIDv7 ids made with a seeded source. */
  fill(bytes: Uint8Array): void;
};

/** A PRNG whose whole sequence is fixed by `seed`. */
export function createSeedRandom(seed: number): SeedRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (min: number, max: number) => min + (next() % (max - min + 1));
  return {
    int,
    chance: (percent) => next() % 100 < percent,
    pick<T>(items: readonly T[]): T {
      const item = items[next() % items.length];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = next() % (i + 1);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
    fill(bytes) {
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = next() & 0xff;
    },
  };
}
