import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('fills defaults for a new user: PGlite in the app data folder, port 8787, demo data', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 8787,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ACCESS_TOKEN_TTL: 900,
      MAX_BODY_BYTES: 4 * 1024 * 1024,
      HEARTBEAT_MS: 20_000,
      SEED_DEMO: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toMatch(/apps\/sync-server\/\.data$/);
    expect(env.pgliteDir).toBe(`${env.DATA_DIR}/pglite`);
  });

  it('parses durations, booleans and numbers, and treats empty values as unset', () => {
    const env = parseEnv({
      PORT: '0',
      ACCESS_TOKEN_TTL: '15m',
      SEED_DEMO: 'false',
      DATABASE_URL: 'postgresql://u:p@db:5432/kiryana',
      LOG_LEVEL: '',
      DATA_DIR: '/srv/kiryana/',
    });
    expect(env).toMatchObject({
      PORT: 0,
      ACCESS_TOKEN_TTL: 900,
      SEED_DEMO: false,
      LOG_LEVEL: 'info',
      pgliteDir: '/srv/kiryana/pglite',
      DATA_DIR: '/srv/kiryana',
    });
    expect(parseEnv({ ACCESS_TOKEN_TTL: '2h' }).ACCESS_TOKEN_TTL).toBe(7200);
  });

  it('lists every problem at once, readably', () => {
    let caught: unknown;
    try {
      parseEnv({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        ACCESS_TOKEN_TTL: '5s',
        SEED_DEMO: 'maybe',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const problems = (caught as EnvError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'DATABASE_URL',
      'LOG_LEVEL',
      'ACCESS_TOKEN_TTL',
      'SEED_DEMO',
    ]);
    expect((caught as EnvError).message).toContain('  - ACCESS_TOKEN_TTL: at least 60 seconds');
  });

  it('requires DEVICE_TOKEN_SECRET in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(
      'DEVICE_TOKEN_SECRET: required when NODE_ENV=production',
    );
    expect(() => parseEnv({ NODE_ENV: 'production', DEVICE_TOKEN_SECRET: 'short' })).toThrow(
      'at least 32 characters',
    );
  });
  it('parses the /metrics protection: a bearer token and an optional listener of its own', () => {
    const open = parseEnv({});
    expect([open.METRICS_TOKEN, open.METRICS_PORT]).toEqual([undefined, undefined]);
    expect(
      parseEnv({
        METRICS_TOKEN: 'metrics-token-0123456789abcdef',
        METRICS_PORT: '9464',
        METRICS_HOST: '10.0.0.5',
      }),
    ).toMatchObject({
      METRICS_TOKEN: 'metrics-token-0123456789abcdef',
      METRICS_PORT: 9464,
      METRICS_HOST: '10.0.0.5',
    });
    expect(parseEnv({ METRICS_PORT: '9464' }).METRICS_HOST).toBe('127.0.0.1');
    expect(() => parseEnv({ METRICS_TOKEN: 'short' })).toThrow(
      'METRICS_TOKEN: at least 16 characters',
    );
    expect(() => parseEnv({ METRICS_HOST: '0.0.0.0' })).toThrow(
      'METRICS_HOST: only with METRICS_PORT',
    );
    expect(() => parseEnv({ PORT: '8787', METRICS_PORT: '8787' })).toThrow(
      'METRICS_PORT: must differ from PORT',
    );
  });

  it('parses the retention of webhook deliveries and notifications in whole days', () => {
    const defaults = parseEnv({});
    expect([
      defaults.WEBHOOK_DELIVERY_RETENTION_DAYS,
      defaults.NOTIFICATION_RETENTION_DAYS,
    ]).toEqual([30, 90]);
    const set = parseEnv({
      WEBHOOK_DELIVERY_RETENTION_DAYS: '7',
      NOTIFICATION_RETENTION_DAYS: '365',
    });
    expect([set.WEBHOOK_DELIVERY_RETENTION_DAYS, set.NOTIFICATION_RETENTION_DAYS]).toEqual([
      7, 365,
    ]);
    const problems = (values: Record<string, string>) => {
      try {
        parseEnv(values);
      } catch (error) {
        return (error as EnvError).problems;
      }
      return [];
    };
    expect(
      problems({ WEBHOOK_DELIVERY_RETENTION_DAYS: 'month', NOTIFICATION_RETENTION_DAYS: '0' }),
    ).toEqual([
      'WEBHOOK_DELIVERY_RETENTION_DAYS: a whole number of days',
      'NOTIFICATION_RETENTION_DAYS: at least 1 day',
    ]);
    expect(problems({ WEBHOOK_DELIVERY_RETENTION_DAYS: '1.5' })).toEqual([
      'WEBHOOK_DELIVERY_RETENTION_DAYS: a whole number of days',
    ]);
    expect(problems({ NOTIFICATION_RETENTION_DAYS: '4000' })).toEqual([
      'NOTIFICATION_RETENTION_DAYS: at most 3650 days',
    ]);
  });
  it('parses SYNC_ENDPOINTS into origins in their order and refuses paths and repeats', () => {
    expect(parseEnv({}).SYNC_ENDPOINTS).toBeUndefined();
    expect(
      parseEnv({
        SYNC_ENDPOINTS: 'https://sync-north.example.in/, https://sync-west.example.in:8443',
      }).SYNC_ENDPOINTS,
    ).toEqual(['https://sync-north.example.in', 'https://sync-west.example.in:8443']);
    const problems = (value: string) => {
      try {
        parseEnv({ SYNC_ENDPOINTS: value });
      } catch (error) {
        return (error as EnvError).problems;
      }
      return [];
    };
    expect(problems('https://sync.example.in/v1')).toEqual([
      'SYNC_ENDPOINTS.endpoints.0: An endpoint is a server origin (scheme, host, port), without a path.',
    ]);
    expect(problems('https://a.example.in,https://a.example.in')).toEqual([
      'SYNC_ENDPOINTS.endpoints: Endpoints repeat.',
    ]);
  });
});
