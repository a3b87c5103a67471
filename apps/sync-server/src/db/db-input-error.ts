import { AppError } from '@kiryana/shared';

/**
 * Maps a Postgres error that can only mean "the request carried data the schema refuses" to the
 * client error it is. Validation should have caught each of these first (and the fuzz tests look
 * for the gaps); this is the net under it, so a gap answers 4xx instead of a 500 with a stack.
 * SQLSTATE classes: 22 data exception, 23 integrity constraint violation (PostgreSQL appendix A).
 */
export function databaseInputError(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return undefined;
  // The constraint's name says which rule was broken without showing any stored data.
  const constraint = (error as { constraint?: unknown }).constraint;
  const details = typeof constraint === 'string' ? { constraint } : undefined;
  switch (code) {
    case '23503': // foreign_key_violation
      return new AppError('NOT_FOUND', 'Something this request refers to does not exist.', details);
    case '23505': // unique_violation
      return new AppError('CONFLICT', 'This already exists.', details);
    case '23P01': // exclusion_violation
      return new AppError('CONFLICT', 'This overlaps something that exists.', details);
    default: // check_violation, not_null_violation, and every data exception
      return new AppError(
        'VALIDATION_FAILED',
        'A value in this request is not acceptable.',
        details,
      );
  }
}
