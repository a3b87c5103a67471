import { type GstReport, type Sale, gstReportSchema, QUARANTINED_HEADER } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncApi } from '../../testing/sync-api';
import { asPushRows, billLine, paidBill, saleOfBill } from '../../testing/sync-fixtures';
import { deviceFetcher } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { type AdminTestApp, openAdminTestApp } from '../admin-api/admin-test-kit';

const MUMBAI_CATERER = {
  gstin: '27AAPFU0939F1ZV',
  name: 'Dadar Caterers',
  stateCode: '27',
  address: 'Dadar, Mumbai',
};
const BENGALURU_HOTEL = {
  gstin: '29AABCT1332L1ZA',
  name: 'Hotel Mayura',
  stateCode: '29',
  address: 'MG Road, Bengaluru',
};

/**
 * Hand-worked (the test stores are in Maharashtra, 27; all lines HSN 1905, all sold 2026-03-14):
 * s1a  B2C intra   2 × ₹10.50 at 5 %   net 2100  taxable 2000  CGST 50  SGST 50
 * s1a  B2B intra   1 × ₹118 at 18 %    net 11800 taxable 10000 CGST 900 SGST 900
 * s1a  B2B inter   4 × ₹10.50 at 5 %   net 4200  taxable 4000  IGST 200
 * s1a  its credit note, 1 × ₹10.50      net 1050  taxable 1000  IGST 50 (counts negatively)
 * s2a  composition: a bill of supply, 3 × ₹10.00 nil-rated, net 3000, and an untaxed bill of an
 *      older terminal (no kind), 1 × ₹5.00, net 500: turnover 3500, not a supply with tax
 */
describe.each(testDatabases())('GST report by supply on $name', (database) => {
  let t: AdminTestApp;
  let report: GstReport;
  beforeAll(async () => {
    t = await openAdminTestApp(database);
    await t.db.query("UPDATE stores SET composition = true WHERE id = 's2a'");
    const b2bInter = saleOfBill('s1a', paidBill([billLine('p1', 4, 1050)], undefined, 'inter'), {
      buyer: BENGALURU_HOTEL,
      placeOfSupply: '29',
      invoiceKind: 'tax-invoice',
    });
    const creditNote = saleOfBill('s1a', paidBill([billLine('p1', 1, 1050)], undefined, 'inter'), {
      kind: 'return',
      originalSaleId: b2bInter.id,
      buyer: BENGALURU_HOTEL,
      placeOfSupply: '29',
      invoiceKind: 'tax-invoice',
    });
    const s1a: Sale[] = [
      saleOfBill('s1a', paidBill([billLine('p1', 2, 1050)])),
      saleOfBill('s1a', paidBill([{ ...billLine('p2', 1, 11800), gstRateBp: 1800 }]), {
        buyer: MUMBAI_CATERER,
        placeOfSupply: '27',
        invoiceKind: 'tax-invoice',
      }),
      b2bInter,
      creditNote,
    ];
    const ofSupply = saleOfBill('s2a', paidBill([{ ...billLine('p3', 3, 1000), gstRateBp: 0 }]), {
      invoiceKind: 'bill-of-supply',
      placeOfSupply: '27',
    });
    // A composition store's untaxed bill from a terminal that does not name the kind yet.
    const untaxedOfOlderTerminal = saleOfBill(
      's2a',
      paidBill([{ ...billLine('p3', 1, 500), gstRateBp: 0 }]),
    );
    for (const [device, sales] of [
      [t.devices.s1a, s1a],
      [t.devices.s2a, [ofSupply, untaxedOfOlderTerminal]],
    ] as const) {
      const answer = await syncApi(deviceFetcher(t.app, device)).push('sales', asPushRows(sales));
      expect(answer).toMatchObject({ status: 200, body: [] });
      expect(answer.headers.get(QUARANTINED_HEADER)).toBe('0');
    }
    const res = await t.as('hq', '/v1/admin/reports/gst?from=2026-03-14&to=2026-03-14');
    expect(res.status).toBe(200);
    report = gstReportSchema.parse(await res.json());
  });
  afterAll(async () => {
    await t.close();
  });

  it('sums tax invoices by rate with IGST, and never a bill of supply', () => {
    expect(report.rows).toEqual([
      {
        gstRateBp: 500,
        hsn: '1905',
        taxableMinor: 5000,
        cgstMinor: 50,
        sgstMinor: 50,
        igstMinor: 150,
        cessMinor: 0,
        lines: 3,
      },
      {
        gstRateBp: 1800,
        hsn: '1905',
        taxableMinor: 10000,
        cgstMinor: 900,
        sgstMinor: 900,
        igstMinor: 0,
        cessMinor: 0,
        lines: 1,
      },
    ]);
  });

  it('splits them B2B / B2C by supply type, adding up to the summary', () => {
    const row = (supply: string, supplyType: string, gstRateBp: number) => ({
      supply,
      supplyType,
      gstRateBp,
      cessMinor: 0,
      invoices: 1,
    });
    expect(report.split).toEqual([
      {
        ...row('b2b', 'inter', 500),
        taxableMinor: 3000,
        cgstMinor: 0,
        sgstMinor: 0,
        igstMinor: 150,
      },
      {
        ...row('b2b', 'intra', 1800),
        taxableMinor: 10000,
        cgstMinor: 900,
        sgstMinor: 900,
        igstMinor: 0,
      },
      {
        ...row('b2c', 'intra', 500),
        taxableMinor: 2000,
        cgstMinor: 50,
        sgstMinor: 50,
        igstMinor: 0,
      },
    ]);
    for (const field of ['taxableMinor', 'cgstMinor', 'sgstMinor', 'igstMinor'] as const) {
      const sum = (rows: readonly Record<typeof field, number>[]) =>
        rows.reduce((total, r) => total + r[field], 0);
      expect(sum(report.split)).toBe(sum(report.rows));
    }
  });

  it('shows a composition store’s turnover apart, also as CSV', async () => {
    expect(report.billsOfSupply).toEqual([
      {
        storeId: 's2a',
        label: expect.stringMatching(/ Store s2a$/) as string,
        composition: true,
        turnoverMinor: 3500,
        bills: 2,
      },
    ]);
    const csv = await (
      await t.as(
        'hq',
        '/v1/admin/reports/gst?from=2026-03-14&to=2026-03-14&format=csv&section=bills-of-supply',
      )
    ).text();
    expect(csv.trim().split('\r\n')).toEqual([
      'store,label,composition,turnover,bills',
      expect.stringMatching(/^s2a,S\w+ Store s2a,yes,35\.00,2$/) as string,
    ]);
    const split = await (
      await t.as(
        'hq',
        '/v1/admin/reports/gst?from=2026-03-14&to=2026-03-14&format=csv&section=split',
      )
    ).text();
    expect(split.split('\r\n')[1]).toBe('b2b,inter,5%,30.00,0.00,0.00,1.50,0.00,1');
    // A regional manager of r1 does not see r2's composition store.
    const regional = (await (
      await t.as('regional', '/v1/admin/reports/gst?from=2026-03-14&to=2026-03-14')
    ).json()) as GstReport;
    expect(regional.billsOfSupply).toEqual([]);
  });
});
