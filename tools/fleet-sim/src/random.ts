/**
 * Seeded randomness for the simulator: one seed, one run. mulberry32 is small, fast and good
 * enough for choosing products and delays; nothing here is security-relevant.
 */

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** A seeded generator (mulberry32). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [min, max]. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** An element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * A jittered pause for a mean rate: exponential inter-arrival times (a Poisson stream of
 * customers), capped at four means so a run never stalls on one unlucky draw.
 */
export function jitteredGapMs(random: Random, perSecond: number): number {
  const mean = 1000 / perSecond;
  return Math.min(4 * mean, -Math.log(1 - random()) * mean);
}
