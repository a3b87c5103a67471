import { beforeAll, describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { type AdminActor, openAdminTestApp } from '../admin-api/admin-test-kit';

/**
 * The isolation walk over every documented people-and-HQ route, whoever wrote it: each operation
 * of /openapi.json that takes a user token is called by every store- and region-scoped role with
 * every store outside its reach put into each store, region and device parameter, and also with no
 * such parameter (listings). No answer may be a 5xx, and no body may mention a store outside the
 * caller's reach (its name or its terminal). Mutations aimed at such a store change nothing.
 * Per-route expectations for this feature's own routes are in `isolation.test.ts`.
 */

type Operation = {
  parameters?: {
    name: string;
    in: 'path' | 'query';
    required?: boolean;
    schema?: { type?: string; enum?: unknown[]; format?: string };
  }[];
  security?: Record<string, unknown>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>> };

const SCOPED: Record<Exclude<AdminActor, 'hq' | 'auditor'>, ('s1a' | 's1b' | 's2a')[]> = {
  cashier: ['s1b', 's2a'],
  storeManager: ['s1b', 's2a'],
  regional: ['s2a'],
};

describe.each(testDatabases())('leak walk over the documented API on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database), { timeoutMs: 120_000 });
  let doc: Doc;

  beforeAll(async () => {
    await t.sell('s1a', 1);
    await t.sell('s1b', 2);
    await t.sell('s2a', 13);
    await t.db.query("UPDATE devices SET name = 'Counter of ' || store_id");
    doc = (await (await t.app.request('/openapi.json')).json()) as Doc;
  }, 120_000);

  function markersOf(storeId: string): string[] {
    return [
      `Store ${storeId}`,
      `Counter of ${storeId}`,
      t.devices[storeId as 's1a'].principal.deviceId,
    ];
  }

  function urlFor(path: string, op: Operation, outside: string | undefined): string | undefined {
    let url = path;
    const query = new URLSearchParams();
    for (const p of op.parameters ?? []) {
      let value: string | undefined;
      if (/store/i.test(p.name)) value = outside;
      else if (/region/i.test(p.name))
        value = outside ? (outside === 's2a' ? 'r2' : 'r1') : undefined;
      else if (/device/i.test(p.name))
        value = outside ? t.devices[outside as 's1a'].principal.deviceId : undefined;
      else if (/product/i.test(p.name)) value = 'p1';
      else if (
        p.name === 'from' ||
        p.name === 'to' ||
        p.name === 'date' ||
        p.schema?.format === 'date'
      )
        value = t.today;
      else if (p.required && p.schema?.enum) value = String(p.schema.enum[0]);
      else if (p.required && (p.schema?.type === 'integer' || p.schema?.type === 'number'))
        value = '10';
      else if (p.required) value = 'x';
      if (p.in === 'path') {
        if (value === undefined) return undefined;
        url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      } else if (value !== undefined) query.set(p.name, value);
    }
    return query.size > 0 ? `${url}?${query.toString()}` : url;
  }

  const userOperations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.security?.some((s) => 'userToken' in s))
        .filter(
          ([, op]) =>
            !Object.values(op.responses ?? {}).some(
              (r) => r.content && 'text/event-stream' in r.content,
            ),
        )
        .map(([method, op]) => ({ path, method, op })),
    );

  it('walks enough of the API to mean something', () => {
    const operations = userOperations();
    expect(operations.length).toBeGreaterThanOrEqual(20);
    expect(operations.map((o) => o.path)).toEqual(
      expect.arrayContaining(['/v1/stores', '/v1/admin/stores', '/v1/admin/reports/sales']),
    );
  });

  it('would notice a leak: the markers do show where the store is within reach', async () => {
    const seen = async (actor: AdminActor, path: string, storeId: string) => {
      const body = await (await t.as(actor, path)).text();
      return markersOf(storeId).filter((m) => body.includes(m)).length > 0;
    };
    expect(await seen('hq', '/v1/stores', 's2a')).toBe(true);
    expect(await seen('regional', '/v1/admin/stores', 's1b')).toBe(true);
    expect(await seen('regional', '/v1/admin/stores', 's2a')).toBe(false);
  });

  it.each(Object.keys(SCOPED) as (keyof typeof SCOPED)[])(
    'never shows %s a store outside its reach',
    async (actor) => {
      const problems: string[] = [];
      for (const { path, op } of userOperations().filter((o) => o.method === 'get')) {
        for (const outside of [undefined, ...SCOPED[actor]]) {
          const url = urlFor(path, op, outside);
          if (!url) continue;
          const response = await t.as(actor, url);
          const body = await response.text();
          if (response.status >= 500) problems.push(`${url} → ${response.status}`);
          for (const store of SCOPED[actor]) {
            for (const marker of markersOf(store))
              if (body.includes(marker)) problems.push(`${url} → mentions ${marker}`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(Object.keys(SCOPED) as (keyof typeof SCOPED)[])(
    'lets %s change nothing of a store outside its reach',
    async (actor) => {
      const snapshot = () =>
        t.db.query(
          `SELECT (SELECT count(*) FROM enrolment_codes WHERE store_id = 's2a')::int AS codes,
                (SELECT count(*) FROM devices WHERE store_id = 's2a' AND status = 'active')::int AS devices,
                (SELECT count(*) FROM role_assignments WHERE store_id = 's2a')::int AS roles,
                (SELECT count(*) FROM prices WHERE store_id = 's2a')::int AS prices`,
        );
      const before = (await snapshot()).rows;
      const statuses: string[] = [];
      for (const { path, method, op } of userOperations().filter((o) => o.method !== 'get')) {
        const url = urlFor(path, op, 's2a');
        if (!url || !/store|device|region/i.test(JSON.stringify(op.parameters ?? []))) continue;
        const response = await t.as(actor, url, {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ storeId: 's2a', scope: { kind: 'store', storeId: 's2a' } }),
        });
        await response.text();
        if (response.status < 400 || response.status >= 500)
          statuses.push(`${method} ${url} → ${response.status}`);
      }
      expect(statuses).toEqual([]);
      expect((await snapshot()).rows).toEqual(before);
    },
  );
});
