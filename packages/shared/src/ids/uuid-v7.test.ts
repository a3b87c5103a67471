import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, isUuidV7, uuidV7TimestampMs } from './uuid-v7';

function seededRandom(seed: number) {
  let s = seed >>> 0;
  return (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i += 1) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      bytes[i] = s >>> 24;
    }
  };
}

describe('createUuidV7Generator', () => {
  it('embeds the injected clock time and the version and variant bits', () => {
    const next = createUuidV7Generator({
      clock: { now: () => 1_764_000_000_123 },
      random: seededRandom(1),
    });
    const id = next();
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7TimestampMs(id)).toBe(1_764_000_000_123);
  });

  it('produces strictly increasing ids within one millisecond and when the clock steps back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 300 }),
        fc.integer(),
        (steps, seed) => {
          let now = 1_700_000_000_000;
          const next = createUuidV7Generator({
            clock: { now: () => now },
            random: seededRandom(seed),
          });
          let previous = '';
          for (const step of steps) {
            now += step - 2; // sometimes backwards
            const id = next();
            expect(isUuidV7(id)).toBe(true);
            expect(id > previous).toBe(true);
            previous = id;
          }
        },
      ),
    );
  });

  it('refuses a clock that is not a Unix time in milliseconds', () => {
    const next = createUuidV7Generator({ clock: { now: () => -1 }, random: seededRandom(2) });
    expect(() => next()).toThrow(RangeError);
  });
});
