import { describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { openIdentityTestApp } from './identity-test-kit';

describe('OpenAPI document with identity', () => {
  const t = suiteFixture(() => {
    const database = testDatabases().at(-1);
    if (!database) throw new Error('no test database');
    return openIdentityTestApp(database);
  });

  it('documents the people, audit and PIN endpoints with their security', async () => {
    const response = await t.app.request('/openapi.json');
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { security?: unknown; tags: string[] }>>;
    };
    expect(document.paths['/v1/role-assignments/{id}']?.delete?.security).toEqual([
      { userToken: [] },
    ]);
    expect(document.paths['/v1/pins/verifiers']?.get?.security).toEqual([{ deviceToken: [] }]);
    expect(document.paths['/v1/audit/export']?.get?.tags).toEqual(['Audit']);
  });
});
