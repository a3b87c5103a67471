import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './app-env';
import { openPgDb } from '../db/pg-db';
import { createErrorHandler } from './errors';

describe('error handler when the database is down', () => {
  // Nothing listens on port 1: every query fails to connect, as during a database restart.
  const db = openPgDb('postgres://postgres@127.0.0.1:1/none', { max: 1 });
  afterAll(async () => {
    await db.close();
  });

  it('answers 503 UNAVAILABLE with Retry-After instead of a 500', async () => {
    const app = new Hono<AppEnv>();
    app.onError(createErrorHandler(pino({ level: 'silent' })));
    app.get('/probe', async (c) => c.json((await db.query('SELECT 1 AS one')).rows));
    const response = await app.request('/probe');
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(await response.json()).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: 'The database is not reachable right now; retry shortly.',
      },
    });
  });
});
