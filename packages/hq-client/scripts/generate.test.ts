import { describe, expect, it } from 'vitest';
import { committedSchema, schemaText, serverDocument } from './generate';

describe('the generated schema', () => {
  it('is what the server document generates today (run `pnpm --filter @kiryana/hq-client generate`)', async () => {
    const fresh = await schemaText(await serverDocument());
    expect(fresh).toContain('"/v1/admin/reports/sales"');
    expect(fresh).toContain('"sale.recorded": {');
    // One assertion on the whole text: a diff here means the server's API changed.
    expect(await committedSchema()).toBe(fresh);
  });
});
