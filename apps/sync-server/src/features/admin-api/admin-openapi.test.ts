import { beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes, patternOf, servedRoutes } from '../../testing/openapi-routes';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { openAdminTestApp } from './admin-test-kit';

type Doc = { paths: Record<string, Record<string, { security?: unknown }>> };

describe.each(testDatabases().slice(-1))(
  'admin API in the OpenAPI document on $name',
  (database) => {
    const t = suiteFixture(() => openAdminTestApp(database));
    let doc: Doc;
    beforeAll(async () => {
      doc = (await (await t.app.request('/openapi.json')).json()) as Doc;
    });

    it('documents every admin and fleet route the app serves, with the user token', () => {
      const served = servedRoutes(t.app).filter((r) => /^\/v1\/(admin|fleet)\//.test(r.path));
      expect(served.length).toBeGreaterThan(20);
      const documented = documentedRoutes(doc);
      for (const route of served) {
        expect(
          documented.some((d) => d.method === route.method && patternOf(route.path).test(d.path)),
          `${route.method} ${route.path} is not documented`,
        ).toBe(true);
      }
      expect(doc.paths['/v1/admin/dashboard']?.get?.security).toEqual([{ userToken: [] }]);
      expect(doc.paths['/v1/admin/config']?.get?.security).toBeUndefined();
    });
  },
);
