import { errorEnvelopeSchema } from '@kiryana/shared';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Queryable } from '../db/db';
import { type TestDatabase, testDatabases } from './test-databases';

/**
 * What the fuzz tests throw at the server (sync, admin, HQ, PIN and identity endpoints): text the
 * database cannot hold, odd but valid unicode, dates not on the calendar, numbers past every bound,
 * ids that name nothing; the requests that carry them. Plus the one check they all make of an
 * answer: never a 5xx, and every error in the shared envelope.
 */

/** Ids with URL-significant characters, scripts, blanks, a NUL and binary noise. */
export const oddId = fc.oneof(
  fc.constantFrom(
    'a&b',
    'c#d',
    'e=f',
    '%2F',
    'x/y',
    'p+q',
    'चाय',
    '',
    ' ',
    '\u0000',
    'A'.repeat(80),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** JSON values of the wrong type for almost any field. */
export const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
  fc.array(fc.integer(), { maxLength: 2 }),
);

/** A string with U+0000 somewhere in it, which Postgres `text` cannot store. */
const nulText = fc
  .tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }))
  .map(([a, b]) => `${a}\u0000${b}`);

/** A string with a UTF-16 surrogate that has no partner, which has no UTF-8 encoding. */
const loneSurrogateText = fc
  .tuple(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.string({ maxLength: 12 }),
  )
  .map(([a, unit, b]) => `${a}${String.fromCharCode(unit)}${b}`)
  .filter((text) =>
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text),
  );

/** Text that cannot be stored at all: a NUL or an unpaired surrogate. */
export const unstorableText = fc.oneof(nulText, loneSurrogateText);

/**
 * Valid but unusual unicode: emoji with joiners, right-to-left marks, combining marks, a BOM,
 * noncharacters, Devanagari and full-width digits, every plane. Storable, so never a 5xx.
 */
export const oddUnicode = fc.oneof(
  fc.constantFrom(
    '👩‍👩‍👧‍👦',
    '\u202Eevil\u202C',
    'é',
    '\uFEFFbom',
    '\uFFFE\uFFFF',
    '२०२६-०४-०१',
    '２０２６-０４-０１',
    '\u200B',
    '𝟘𝟙𝟚',
    "' OR 1=1 --",
    '\\x00',
    '%00',
    '\u0001\u001f\u007f',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 30 }),
);

/** Any hostile text: unstorable, odd unicode, ids, or far too long. */
export const hostileText = fc.oneof(
  unstorableText,
  oddUnicode,
  oddId,
  fc.string({ minLength: 300, maxLength: 2000 }),
);

/** `YYYY-MM-DD`-shaped strings that are not calendar dates, and other things that are not dates. */
export const impossibleDate = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2025-02-29',
    '1900-02-29',
    '0000-00-00',
    '0000-01-01',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '9999-99-99',
    '2026-4-1',
    '+275760-09-13',
    '-271821-04-20',
    '2026-04-01T25:00:00Z',
    '20260401',
    'yesterday',
  ),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
    )
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
    .filter((text) => !isRealDate(text)),
);

/** JSON numbers past every bound: huge, negative, fractional, beyond safe integers. */
export const oddNumber = fc.oneof(
  fc.constantFrom(
    -1,
    -0,
    0.5,
    2 ** 53,
    2 ** 63,
    -(2 ** 63),
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.integer({ min: -(2 ** 31), max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map(Number),
);

/** Numbers as a query string writes them, wrongly: huge, negative, hex, exponents, blanks. */
const oddNumberText = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '1e3',
    '1e309',
    '0x10',
    ' 5',
    '1.5',
    'NaN',
    'Infinity',
    '-Infinity',
    '99999999999999999999',
    '9223372036854775808',
    '',
  ),
  oddNumber.map(String),
);

/** Percent-encodings that decode to nothing valid: NUL, a surrogate, overlong, cut or bad hex. */
const badPercentEncoding = fc.constantFrom(
  '%00',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%C0%80',
  '%FF',
  '%E2%82',
  '%',
  '%zz',
  'a%00b',
);

/**
 * A value for a query string or a path segment: hostile text encoded (a lone surrogate cannot go
 * through encodeURIComponent, so it is written as the bytes a broken client would send), or a
 * raw bad percent-encoding.
 */
export function urlValue(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: text.map(encodeLoosely) },
    { weight: 1, arbitrary: badPercentEncoding },
  );
}

/** encodeURIComponent, with unpaired surrogates written as their (invalid) three UTF-8-ish bytes. */
export function encodeLoosely(text: string): string {
  return Array.from(text, (ch) => {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(ch);
  }).join('');
}

/** One request of a fuzz run, as data so a failure prints it. */
export type FuzzRequest = {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
};

/** A query value: sometimes the good one, mostly hostile. */
export function queryValue(good: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(good) },
    { weight: 3, arbitrary: urlValue(fc.oneof(hostileText, impossibleDate, oddNumberText)) },
  );
}

/** A GET of `path` with a query string built from `params` (each maybe left out). */
export function getWith(
  path: string,
  params: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<FuzzRequest> {
  return fc.record(params, { requiredKeys: [] }).map((values) => {
    const query = Object.entries(values)
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    return { method: 'GET', path: query ? `${path}?${query}` : path };
  });
}

/** A request with `body` as JSON. */
export function jsonRequest(method: string, path: string, body: unknown): FuzzRequest {
  return { method, path, body: JSON.stringify(body), contentType: 'application/json' };
}

/** The fetch options of a fuzz request, with `headers` (a token, say) besides its content type. */
export function fuzzInit(request: FuzzRequest, headers: Record<string, string> = {}): RequestInit {
  const all = { ...headers };
  if (request.contentType) all['content-type'] = request.contentType;
  return {
    method: request.method,
    headers: all,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

/**
 * The share of its full run count a fuzz suite makes on `database`: all of it on Postgres or on
 * the only database, a third on PGlite beside Postgres (the same code, and PGlite is slower).
 */
export function fuzzRunShare(database: TestDatabase): number {
  return database.name === 'postgres' || testDatabases().length === 1 ? 1 : 0.3;
}

/** An answer: status and the parsed body (text when not JSON). */
export type FuzzAnswer = { readonly status: number; readonly body: unknown };

/** Reads an answer's body as JSON when it is JSON. */
export async function readAnswer(response: Response): Promise<FuzzAnswer> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}

/**
 * The property every fuzzed answer holds: no 5xx, and an error is the shared envelope. Returns the
 * error code (or undefined for a success) so runs can show which refusals they reached.
 */
export function expectNoServerError(request: FuzzRequest, answer: FuzzAnswer): string | undefined {
  const what = `${request.method} ${request.path} ${request.body?.slice(0, 300) ?? ''} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
  expect(answer.status, what).toBeLessThan(500);
  if (answer.status < 400) return undefined;
  const envelope = errorEnvelopeSchema.safeParse(answer.body);
  expect(envelope.success, what).toBe(true);
  return envelope.data?.error.code;
}

/**
 * A fingerprint of what a request could have written, as one comparable value: row counts and a
 * digest of every row of each table (last-seen stamps and rate-limit counters left out, since
 * refused requests legitimately touch them).
 */
export async function tablesFingerprint(
  q: Queryable,
  tables: readonly string[],
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of tables) {
    // A table another change has not created yet (or has renamed) is reported, not queried.
    const exists = await q.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      table,
    ]);
    if (!exists.rows[0]?.t) {
      result[table] = 'absent';
      continue;
    }
    const { rows } = await q.query<{ n: string; digest: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest
         FROM ${table} t`,
    );
    result[table] = `${rows[0]?.n ?? '?'}:${rows[0]?.digest ?? ''}`;
  }
  return result;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  if (!y || !m || !d) return false;
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.toISOString().slice(0, 10) === text;
}
