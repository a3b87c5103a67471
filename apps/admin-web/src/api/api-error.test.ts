import { errorEnvelope } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, decodeError } from './api-error';

describe('decodeError', () => {
  it('decodes the shared envelope with its details', () => {
    const body = JSON.stringify(
      errorEnvelope('FORBIDDEN', 'This needs the catalogue:write permission here.', {
        permission: 'catalogue:write',
      }),
    );
    const error = decodeError(403, body);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message, error.details]).toEqual([
      403,
      'FORBIDDEN',
      'This needs the catalogue:write permission here.',
      { permission: 'catalogue:write' },
    ]);
  });

  it('reports anything else as UNEXPECTED with the status', () => {
    for (const body of ['<html>Bad gateway</html>', '', '{"error":{"code":"NOPE"}}']) {
      const error = decodeError(502, body);
      expect([error.code, error.message]).toEqual(['UNEXPECTED', 'The server answered 502.']);
    }
  });
});
