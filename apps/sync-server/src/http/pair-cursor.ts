import { AppError } from '@kiryana/shared';

/**
 * A list cursor: the last row's sort key and id, as base64url JSON so clients treat it as opaque.
 * A cursor that is not one of ours is a 400 naming the field, never a 500.
 */

/** The cursor that continues after the row with this sort key and id. */
export function encodePairCursor(pair: readonly [key: string, id: string]): string {
  return Buffer.from(JSON.stringify(pair)).toString('base64url');
}

/**
 * Reads a cursor of `encodePairCursor`; null for the first page. `accept` checks the two strings
 * (both go back into SQL), so a list takes only keys it could have made.
 * @example
 * decodePairCursor(query.cursor, (name, id) => name.length <= 200 && id.length <= 200);
 */
export function decodePairCursor(
  cursor: string | undefined,
  accept: (key: string, id: string) => boolean,
): [key: string, id: string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      accept(value[0], value[1])
    )
      return [value[0], value[1]];
  } catch {
    // answered below
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not valid.', {
    fields: [{ path: 'cursor', message: 'not a cursor of this list' }],
  });
}
