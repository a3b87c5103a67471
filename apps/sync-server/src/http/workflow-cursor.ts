import { AppError } from '@kiryana/shared';

/**
 * The cursor of the transfer and purchase-order lists: the last row's `[updatedAt, id]`, newest
 * activity first, as base64url JSON so clients treat it as opaque. A cursor that is not one of ours
 * is a 400 naming the field, never a 500.
 */
export type WorkflowCursor = readonly [updatedAt: string, id: string];

/** The cursor that continues after `row`. */
export function encodeWorkflowCursor(row: { updatedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.updatedAt, row.id])).toString('base64url');
}

/** Reads a cursor of `encodeWorkflowCursor`; null for the first page. */
export function decodeWorkflowCursor(cursor: string | undefined): WorkflowCursor | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value[0]) &&
      typeof value[1] === 'string' &&
      /^[\w.:-]{1,64}$/.test(value[1])
    )
      return [value[0], value[1]];
  } catch {
    // answered below
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not valid.', {
    fields: [{ path: 'cursor', message: 'not a cursor of this list' }],
  });
}
