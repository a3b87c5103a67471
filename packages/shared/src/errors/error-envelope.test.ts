import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError, errorEnvelopeSchema, validationError } from './error-envelope';
import { ERROR_CODES, httpStatusOf } from './error-codes';

describe('error envelope', () => {
  it('serialises an AppError into the shared envelope', () => {
    const envelope = new AppError('CONFLICT', 'Already exists.', { id: 'x' }).toEnvelope();
    expect(envelope).toEqual({
      error: { code: 'CONFLICT', message: 'Already exists.', details: { id: 'x' } },
    });
    expect(errorEnvelopeSchema.parse(envelope)).toEqual(envelope);
  });

  it('lists every bad field of a validation error', () => {
    const result = z
      .object({ a: z.number(), b: z.object({ c: z.string() }) })
      .safeParse({ a: 'x', b: {} });
    if (result.success) throw new Error('expected failure');
    expect(validationError(result.error).toEnvelope()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid.',
        details: {
          fields: [
            { path: 'a', message: expect.any(String) as string },
            { path: 'b.c', message: expect.any(String) as string },
          ],
        },
      },
    });
  });

  it('maps every code to a 4xx or 5xx status', () => {
    for (const code of ERROR_CODES) {
      expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf(code)).toBeLessThan(600);
    }
  });
});
