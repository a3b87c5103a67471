import {
  eventEnvelopeSchema,
  taxClassListSchema,
  taxClassSchema,
  taxRateSchema,
} from '@kiryana/shared';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceFetcher } from '../../testing/sync-test-app';
import { syncApi } from '../../testing/sync-api';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { drainOutbox } from '../events/events-test-kit';
import { errorCodeOf, openAdminTestApp } from '../admin-api/admin-test-kit';

/**
 * Rate changes through the admin API on a real database with the real migrations: the row in
 * force is closed and the new one opened, a device's pull brings both (tax-rate v2), the event is
 * written once, a retry applies once, the same day replaces, a back-dated change is refused, and a
 * change into a filed month needs a reason that the audit log keeps.
 */

const change = (over: Record<string, unknown> = {}) => ({
  factId: randomUUID(),
  rateBp: 1200,
  cessBp: 0,
  effectiveFrom: '2027-04-01',
  description: 'GST 5 % → 12 % from 1 Apr 2027',
  ...over,
});

describe.each(testDatabases())('tax rate changes on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  const rates = (classId: string) =>
    t.db.query<{ id: string; rate_bp: number; effective_to: string | null }>(
      `SELECT id, rate_bp, to_char(effective_to, 'YYYY-MM-DD') AS effective_to FROM tax_rates
        WHERE tax_class_id = $1 AND NOT deleted ORDER BY effective_from`,
      [classId],
    );

  it('closes the row in force, opens the new one, and a device pulls both as tax-rate v2', async () => {
    const list = taxClassListSchema.parse(
      await (await t.as('auditor', '/v1/admin/tax-classes')).json(),
    );
    expect(list.taxClasses.find((c) => c.taxClassId === 'gst5')).toMatchObject({
      productCount: 3,
      hsnPrefixes: [],
      rates: [{ id: 'gst5@2017-07-01', rateBp: 500, effectiveTo: null, cessSpecificPerQty: 1 }],
    });
    await drainOutbox(t.db);
    const device = syncApi(deviceFetcher(t.app, t.devices.s1a));
    const before = await device.pullAll('tax-rates', 100);

    const body = change({ cessSpecificMinor: 4170, cessSpecificPerQty: 1000 });
    const res = await t.json('hq', 'POST', '/v1/admin/tax-classes/gst5/rates', body);
    expect(res.status).toBe(201);
    const answered = taxClassSchema.parse(await res.json());
    expect(answered.rates.map((r) => [r.id, r.rateBp, r.effectiveTo])).toEqual([
      ['gst5@2027-04-01', 1200, null],
      ['gst5@2017-07-01', 500, '2027-04-01'],
    ]);

    // The device pulls, from where it was, exactly the two rows the change wrote.
    const after = await device.pullAll('tax-rates', 100, before.checkpoint);
    const pulled = after.documents.map((d) => taxRateSchema.parse(d));
    expect(pulled.map((d) => d.id).sort()).toEqual(['gst5@2017-07-01', 'gst5@2027-04-01']);
    expect(pulled.find((d) => d.id === 'gst5@2027-04-01')).toMatchObject({
      schemaVersion: 2,
      rateBp: 1200,
      cessSpecificMinor: 4170,
      cessSpecificPerQty: 1000,
      effectiveFrom: '2027-04-01',
      effectiveTo: null,
    });
    expect(pulled.find((d) => d.id === 'gst5@2017-07-01')?.effectiveTo).toBe('2027-04-01');

    // One event, naming the row it follows.
    const { events, invalid } = await drainOutbox(t.db);
    expect(invalid).toEqual([]);
    const taxEvents = events.filter((e) => e.type === 'tax-rate.changed');
    expect(taxEvents).toHaveLength(1);
    expect(eventEnvelopeSchema.parse(taxEvents[0]).data).toMatchObject({
      taxRateId: 'gst5@2027-04-01',
      taxClassId: 'gst5',
      rateBp: 1200,
      cessSpecificMinor: 4170,
      previous: { taxRateId: 'gst5@2017-07-01', rateBp: 500 },
    });

    // The same factId again applies nothing: no row, no event, no audit entry.
    const audits = await countOf('audit_log');
    const retry = await t.json('hq', 'POST', '/v1/admin/tax-classes/gst5/rates', {
      ...body,
      rateBp: 1800,
    });
    expect(retry.status).toBe(201);
    expect((await rates('gst5')).rows.map((r) => r.rate_bp)).toEqual([500, 1200]);
    expect(await countOf('audit_log')).toBe(audits);
    expect((await drainOutbox(t.db)).events).toEqual([]);
  });

  it('replaces the same day’s row, and refuses a date before a later row with nothing changed', async () => {
    const res = await t.json(
      'hq',
      'POST',
      '/v1/admin/tax-classes/gst5/rates',
      change({ rateBp: 1800 }),
    );
    expect(res.status).toBe(201);
    expect((await rates('gst5')).rows).toEqual([
      { id: 'gst5@2017-07-01', rate_bp: 500, effective_to: '2027-04-01' },
      { id: 'gst5@2027-04-01', rate_bp: 1800, effective_to: null },
    ]);
    const rows = await countOf('tax_rates');
    const early = await t.json(
      'hq',
      'POST',
      '/v1/admin/tax-classes/gst5/rates',
      change({ effectiveFrom: '2027-01-01' }),
    );
    expect(early.status).toBe(409);
    const envelope = (await early.json()) as { error: { code: string; message: string } };
    expect(envelope.error.code).toBe('CONFLICT');
    expect(envelope.error.message).toContain('2027-04-01');
    expect(await countOf('tax_rates')).toBe(rows);
    expect((await rates('gst5')).rows.map((r) => r.rate_bp)).toEqual([500, 1800]);
  });

  it('asks for a reason to change a rate into a filed month, then applies it and audits the reason', async () => {
    const created = await t.json('hq', 'POST', '/v1/admin/tax-classes', {
      taxClassId: 'gst-filed-test',
      description: 'A class for the filed-month test',
      hsnPrefixes: [],
    });
    expect(created.status).toBe(201);
    const filed = await t.json('hq', 'POST', '/v1/admin/gst/filings', {
      gstin: '27AAPFU0939F1ZV',
      period: '2026-10',
      arn: 'AA2710260000001',
    });
    expect(filed.status).toBe(201);
    // September is before the end of filed October: it re-prices October's invoices too.
    const path = '/v1/admin/tax-classes/gst-filed-test/rates';
    const refused = await t.json('hq', 'POST', path, change({ effectiveFrom: '2026-09-15' }));
    expect(refused.status).toBe(409);
    expect(await errorCodeOf(refused)).toBe('RATE_CHANGE_IN_FILED_MONTH');
    expect((await rates('gst-filed-test')).rows).toEqual([]);

    const reason = 'Notification 99/2026 read late; invoices to be amended in GSTR-1A';
    const confirmed = await t.json(
      'hq',
      'POST',
      path,
      change({ effectiveFrom: '2026-09-15', confirmFiledMonth: { reason } }),
    );
    expect(confirmed.status).toBe(201);
    expect((await rates('gst-filed-test')).rows.map((r) => r.id)).toEqual([
      'gst-filed-test@2026-09-15',
    ]);
    const { rows } = await t.db.query<{ actor: string; data: { filedMonthReason?: string } }>(
      `SELECT actor, data FROM audit_log WHERE kind = 'tax.rate_changed' AND subject = $1`,
      ['gst-filed-test@2026-09-15'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.data.filedMonthReason).toBe(reason);
    // A month after the filed ones needs no reason.
    const later = await t.json('hq', 'POST', path, change({ effectiveFrom: '2026-11-01' }));
    expect(later.status).toBe(201);
  });

  async function countOf(table: string): Promise<number> {
    const { rows } = await t.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    return Number(rows[0]?.n);
  }
});
