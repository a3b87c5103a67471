/**
 * Whether an error means "the database cannot be reached right now" (restart, failover, network),
 * as opposed to a bug or bad input. Such a request is answered 503 with Retry-After, so terminals
 * back off and retry instead of treating it as a server fault (SYNC.md: 503 with Retry-After).
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  // read_only_sql_transaction: the server never asks for read-only transactions, so this is a
  // host that is (or just became) a standby, or a promoted one not yet taking writes.
  '25006',
]);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

/** True when `error` says the database is down or unreachable, not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exception.
    if (
      code.startsWith('08') ||
      UNAVAILABLE_SQLSTATES.has(code) ||
      UNAVAILABLE_NODE_CODES.has(code)
    )
      return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return UNAVAILABLE_MESSAGES.some((text) => error.message.includes(text));
}
