import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { encodeKey } from './schema-sql';

describe('encodeKey', () => {
  it("makes SQLite's BINARY text order equal JavaScript's string order", () => {
    const db = new Database(':memory:');
    const compare = db.prepare('SELECT (? < ?) AS lt, (? = ?) AS eq');
    // Any UTF-16 code units, lone surrogates included, biased towards the critical ranges.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0xd700, max: 0xffff }),
      fc.integer({ min: 0, max: 0xffff }),
    );
    const key = fc.array(unit, { maxLength: 6 }).map((units) => String.fromCharCode(...units));
    fc.assert(
      fc.property(key, key, (a, b) => {
        const ea = encodeKey(a);
        const eb = encodeKey(b);
        const row = compare.get(ea, eb, ea, eb) as { lt: number; eq: number };
        expect({ lt: row.lt === 1, eq: row.eq === 1 }).toEqual({ lt: a < b, eq: a === b });
      }),
      { numRuns: 3000 },
    );
    db.close();
  });

  it('keeps keys without code units from U+D800 up unchanged', () => {
    expect(encodeKey('0001store-1   id-7')).toBe('0001store-1   id-7');
    expect(encodeKey('\u0000\ud7ff')).toBe('\u0000\ud7ff');
  });
});
