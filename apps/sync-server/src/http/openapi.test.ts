import { beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes, patternOf, servedRoutes } from '../testing/openapi-routes';
import { suiteFixture } from '../testing/suite-fixture';
import { testDatabases } from '../testing/test-databases';
import { openTestApp } from './test-app';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, unknown> }>
  >;
};

describe.each(testDatabases().slice(-1))('OpenAPI document on $name', (database) => {
  const t = suiteFixture(() => openTestApp(database));
  let doc: Doc;
  beforeAll(async () => {
    doc = (await (await t.app.request('/openapi.json')).json()) as Doc;
  });

  it('is OpenAPI 3.1 with unique operation ids and responses everywhere', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(15);
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
    for (const op of operations) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
  });

  it('documents every route the app serves, and nothing it does not', () => {
    const served = servedRoutes(t.app);
    const documented = documentedRoutes(doc);
    for (const route of served) {
      const pattern = patternOf(route.path);
      expect(
        documented.some((d) => d.method === route.method && pattern.test(d.path)),
        `${route.method} ${route.path} is not documented`,
      ).toBe(true);
    }
    for (const d of documented) {
      expect(
        served.some((route) => route.method === d.method && patternOf(route.path).test(d.path)),
        `${d.method} ${d.path} is documented but not served`,
      ).toBe(true);
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/devices/enroll',
        '/v1/devices/token',
        '/v1/sync/products/pull',
        '/v1/sync/sales/push',
        '/v1/sync/stream',
        '/v1/sync/state',
        '/healthz',
        '/readyz',
        '/metrics',
      ]),
    );
  });

  it('shows request schemas from the route validators, and the error envelope', () => {
    const enroll = doc.paths['/v1/devices/enroll']?.post as unknown as {
      requestBody: {
        content: Record<
          string,
          { schema: { properties: Record<string, unknown>; required: string[] } }
        >;
      };
      responses: Record<string, { content: Record<string, { schema: unknown }> }>;
    };
    expect(enroll.requestBody.content['application/json']?.schema.required).toEqual([
      'code',
      'terminalName',
    ]);
    expect(enroll.responses['400']?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/ErrorEnvelope',
    });
    const pull = doc.paths['/v1/sync/products/pull']?.get as unknown as {
      security: unknown;
      parameters: { name: string; in: string }[];
    };
    expect(pull.security).toEqual([{ deviceToken: [] }]);
    expect(pull.parameters.map((p) => [p.name, p.in])).toEqual([
      ['checkpoint', 'query'],
      ['limit', 'query'],
    ]);
  });

  it('renders a self-contained API reference page', async () => {
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<code>/v1/devices/enroll</code>');
    expect(html).toContain('<code>/v1/sync/stock-movements/push</code>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });
});
