const DAY_MS = 86_400_000;

/**
 * Whole days since an instant, for the board's age column and its "older than" filter; never
 * negative (a browser clock a little behind the server's).
 * @example
 * ageInDays('2026-01-01T00:00:00Z', Date.parse('2026-01-03T12:00:00Z')); // 2
 */
export function ageInDays(isoInstant: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(isoInstant)) / DAY_MS));
}
