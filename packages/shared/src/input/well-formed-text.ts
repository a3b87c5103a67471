/**
 * Text a client may send us. Postgres `text` cannot hold U+0000 (the driver's query fails), and a
 * UTF-16 surrogate without its pair has no UTF-8 encoding at all, so neither may reach the
 * database; both are refused at the edge, wherever in a request they appear.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function illFormedTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/**
 * Whether `text` holds neither U+0000 nor an unpaired surrogate.
 * @example isWellFormedText('चाय 🍵') // true
 * @example isWellFormedText('a\u0000b') // false
 */
export function isWellFormedText(text: string): boolean {
  return illFormedTextReason(text) === undefined;
}

/** A string that cannot be stored, found somewhere in a parsed JSON value or query. */
export type IllFormedText = { readonly path: string; readonly message: string };

/**
 * The first string (value or object key) in `value` that cannot be stored, with its dotted path,
 * or undefined. Walks arrays and plain objects to `maxDepth`; deeper values are left to the schema,
 * which refuses such shapes anyway.
 * @example findIllFormedText({ lines: [{ note: 'a\u0000' }] }) // { path: 'lines.0.note', … }
 */
export function findIllFormedText(
  value: unknown,
  path: readonly string[] = [],
  maxDepth = 32,
): IllFormedText | undefined {
  const here = () => path.join('.') || '(root)';
  if (typeof value === 'string') {
    const reason = illFormedTextReason(value);
    return reason ? { path: here(), message: reason } : undefined;
  }
  if (typeof value !== 'object' || value === null || path.length >= maxDepth) return undefined;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const keyReason = illFormedTextReason(key);
    if (keyReason) return { path: [...path, key].join('.'), message: `key ${keyReason}` };
    const found = findIllFormedText(item, [...path, key], maxDepth);
    if (found) return found;
  }
  return undefined;
}
