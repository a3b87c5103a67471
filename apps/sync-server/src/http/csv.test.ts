import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('reads quoted fields, doubled quotes, CRLF and LF, and names the line each record starts on', () => {
    const text = '\uFEFFsku,name\r\nA1,"Tea, ""gold"""\nA2,"two\nlines"\n\nA3,plain\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['sku', 'name'] },
      { line: 2, fields: ['A1', 'Tea, "gold"'] },
      { line: 3, fields: ['A2', 'two\nlines'] },
      { line: 6, fields: ['A3', 'plain'] },
    ]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/line 1/);
  });

  it('writes what it reads back, and defuses formulas', () => {
    expect(toCsv([['=SUM(A1)', 5, null, 'a "b", c']])).toBe(`'=SUM(A1),5,,"a ""b"", c"\r\n`);
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string({ unit: 'grapheme' }).filter((s) => !/^[=+\-@\t\r]/.test(s)),
            {
              minLength: 2,
              maxLength: 5,
            },
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (rows) => {
          const parsed = parseCsv(toCsv(rows)).map((r) => r.fields);
          const expected = rows.filter((r) => r.some((f) => f !== '') || r.length > 1);
          expect(parsed).toEqual(expected);
        },
      ),
    );
  });
});
