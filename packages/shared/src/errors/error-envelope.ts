import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './error-codes';

/** One field problem inside a `VALIDATION_FAILED` error: where, and what is wrong. */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/** A field problem inside a validation error. */
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The one error shape every endpoint answers: `{ error: { code, message, details } }`. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** The shared error envelope. */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** A domain or request error carrying a shared code; the server's one error handler maps it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** The envelope this error is answered with. */
  toEnvelope(): ErrorEnvelope {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** Builds the envelope for a code. */
export function errorEnvelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return new AppError(code, message, details).toEnvelope();
}

/** Turns zod issues into the `details.fields` list of a `VALIDATION_FAILED` error. */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** A `VALIDATION_FAILED` AppError listing every bad field. */
export function validationError(error: z.ZodError, what = 'request'): AppError {
  return new AppError('VALIDATION_FAILED', `The ${what} is not valid.`, {
    fields: fieldIssuesOf(error),
  });
}
