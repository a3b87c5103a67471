import { type ErrorCode, errorEnvelopeSchema } from '@kiryana/shared';

/** A failed API call, decoded from the shared error envelope `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK' | 'UNEXPECTED';
  readonly details: unknown;

  constructor(status: number, code: ApiError['code'], message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Turns a non-2xx answer into an ApiError: the envelope's code, message and details when the body
 * is one, else `UNEXPECTED` with the status (a proxy's HTML error page, an empty body).
 */
export function decodeError(status: number, body: string): ApiError {
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(status, code, message, details);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, 'UNEXPECTED', `The server answered ${status}.`);
}
