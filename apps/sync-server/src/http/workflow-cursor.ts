import { decodePairCursor, encodePairCursor } from './pair-cursor';

/**
 * The cursor of the transfer and purchase-order lists: the last row's `[updatedAt, id]`, newest
 * activity first (a pair cursor, see pair-cursor.ts).
 */
export type WorkflowCursor = readonly [updatedAt: string, id: string];

/** The cursor that continues after `row`. */
export function encodeWorkflowCursor(row: { updatedAt: string; id: string }): string {
  return encodePairCursor([row.updatedAt, row.id]);
}

/** Reads a cursor of `encodeWorkflowCursor`; null for the first page. */
export function decodeWorkflowCursor(cursor: string | undefined): WorkflowCursor | null {
  return decodePairCursor(
    cursor,
    (updatedAt, id) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(updatedAt) &&
      /^[\w.:-]{1,64}$/.test(id),
  );
}
