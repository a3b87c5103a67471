import { errorEnvelope } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/test-databases';
import { createHttpMetrics } from './metrics';
import { createMetricsApp } from './metrics-access';
import { type TestApp, openTestApp } from './test-app';

const TOKEN = 'metrics-token-0123456789abcdef';

describe.each(testDatabases().slice(-1))('/metrics protection on $name', (database) => {
  const apps: TestApp[] = [];
  const open = async (overrides: Parameters<typeof openTestApp>[1]) => {
    const t = await openTestApp(database, overrides);
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await open({ metricsAccess: { token: TOKEN } });
    });

    it('answers 401 with the envelope without the token or with a wrong one', async () => {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Basic ${TOKEN}`,
        `Bearer ${TOKEN}x`,
      ]) {
        const response = await t.app.request('/metrics', {
          headers: authorization ? { authorization } : {},
        });
        expect([response.status, response.headers.get('www-authenticate')]).toEqual([
          401,
          'Bearer realm="metrics"',
        ]);
        expect(await response.json()).toEqual(
          errorEnvelope('UNAUTHENTICATED', 'The metrics need the bearer token METRICS_TOKEN.'),
        );
      }
    });

    it('serves the metrics to the bearer of the token', async () => {
      const response = await t.app.request('/metrics', {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/^# HELP http_requests_total/m);
    });
  });

  it('stays open without a token, as before', async () => {
    const t = await open({});
    expect((await t.app.request('/metrics')).status).toBe(200);
  });

  it('moves /metrics to its own listener: the API answers 404 there, the metrics app serves it', async () => {
    const httpMetrics = createHttpMetrics();
    const t = await open({ httpMetrics, metricsAccess: { separateListener: true } });
    await t.app.request('/healthz');
    const onApi = await t.app.request('/metrics');
    expect(onApi.status).toBe(404);
    const metricsApp = createMetricsApp(httpMetrics, { token: TOKEN });
    expect((await metricsApp.request('/metrics')).status).toBe(401);
    const served = await metricsApp.request('/metrics', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(served.status).toBe(200);
    // The same registry: the API's requests are counted on the separate listener.
    expect(await served.text()).toMatch(
      /^http_requests_total\{method="GET",route="\/healthz",status="200"\} 1$/m,
    );
    expect((await metricsApp.request('/v1/sync/state')).status).toBe(404);
  });
});
