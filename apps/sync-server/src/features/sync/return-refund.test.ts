import {
  type Bill,
  type BillLineInput,
  REFUND_EXCEEDS_PAID,
  RETURN_ORIGINAL_UNKNOWN,
  type RefundHistory,
  type Sale,
  splitGst,
  taxFromInclusive,
  QUARANTINED_HEADER,
} from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { asPushRows, billLine, newFactId, paidBill, saleOfBill } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { listQuarantine } from './quarantine.queries';

/** 2 packets at ₹10.50, 5 % GST: the bill of issue 12, item 8. */
const packets = (qtyBase: number, productId = 'p001'): BillLineInput =>
  billLine(productId, qtyBase, 1050);

const returnOf = (original: Sale, bill: Bill): Sale =>
  saleOfBill(original.storeId, bill, { kind: 'return', originalSaleId: original.id });

const history = (original: Sale, earlier: Sale[]): RefundHistory => ({
  paidMinor: original.totals.totalMinor,
  returnedNetMinor: earlier.reduce((sum, r) => sum + r.totals.netMinor, 0),
  refundedMinor: earlier.reduce((sum, r) => sum + r.totals.totalMinor, 0),
});

async function storedIds(h: SyncHarness, ids: string[]): Promise<string[]> {
  const result = await h.db.query<{ id: string }>(
    'SELECT id::text AS id FROM sales WHERE id = ANY($1::uuid[]) ORDER BY seq',
    [ids],
  );
  return result.rows.map((row) => row.id);
}

describe.each(testDatabases())('returns and refunds on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));

  it('quarantines a second one-packet return that would refund ₹22 of a ₹21 bill', async () => {
    const api = h.api(h.devices.a);
    const original = saleOfBill('store-a', paidBill([packets(2)]));
    expect(original.totals.totalMinor).toBe(2100);
    // An older terminal rounded each return on its own: ₹11 + ₹11.
    const first = returnOf(original, paidBill([packets(1)]));
    const second = returnOf(original, paidBill([packets(1)]));
    expect([first.totals.totalMinor, second.totals.totalMinor]).toEqual([1100, 1100]);
    expect((await api.push('sales', asPushRows([original, first]))).body).toEqual([]);
    const answer = await api.push('sales', asPushRows([second]));
    expect(answer).toMatchObject({ status: 200, body: [] });
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('1');
    expect(await storedIds(h, [original.id, first.id, second.id])).toEqual([original.id, first.id]);
    expect(await listQuarantine(h.db, 'store-a')).toEqual([
      {
        collection: 'sales',
        documentId: second.id,
        code: REFUND_EXCEEDS_PAID,
        deviceId: h.devices.a.principal.deviceId,
      },
    ]);
    // Its stock did not come back either: only the first return's packet did.
    const level = await h.db.query<{ qty: string }>(
      "SELECT qty_base::text AS qty FROM stock_levels WHERE store_id = 'store-a' AND product_id = 'p001'",
    );
    expect(level.rows).toEqual([{ qty: '-1' }]);
  });

  it('accepts returns refunded by the shared rule, in one push with their sale or later', async () => {
    const api = h.api(h.devices.b);
    const original = saleOfBill('store-b', paidBill([packets(3, 'p002')]));
    expect(original.totals.totalMinor).toBe(3200);
    const first = returnOf(
      original,
      paidBill([packets(1, 'p002')], { ...history(original, []), isLastReturn: false }),
    );
    const second = returnOf(
      original,
      paidBill([packets(1, 'p002')], { ...history(original, [first]), isLastReturn: false }),
    );
    const third = returnOf(
      original,
      paidBill([packets(1, 'p002')], { ...history(original, [first, second]), isLastReturn: true }),
    );
    expect([first, second, third].map((r) => r.totals.totalMinor)).toEqual([1100, 1000, 1100]);
    // A return listed before its sale in the same push is checked against it all the same.
    expect((await api.push('sales', asPushRows([first, original]))).body).toEqual([]);
    const answer = await api.push('sales', asPushRows([second, third]));
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('0');
    expect(await storedIds(h, [original.id, first.id, second.id, third.id])).toHaveLength(4);
    // A retry of stored returns is a no-op, not a refusal: they are not counted twice.
    const retry = await api.push('sales', asPushRows([first, second, third]));
    expect(retry).toMatchObject({ status: 200, body: [] });
    expect(retry.headers.get(QUARANTINED_HEADER)).toBe('0');
    expect(await listQuarantine(h.db, 'store-b')).toEqual([]);
  });

  it('counts returns of one push in order: the one that crosses the cap is refused', async () => {
    const api = h.api(h.devices.b);
    const original = saleOfBill('store-b', paidBill([packets(2, 'p003')]));
    const returns = [1, 2].map(() => returnOf(original, paidBill([packets(1, 'p003')])));
    const answer = await api.push('sales', asPushRows([original, ...returns]));
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('1');
    expect(await storedIds(h, [original.id, ...returns.map((r) => r.id)])).toEqual([
      original.id,
      returns[0]!.id,
    ]);
    expect((await listQuarantine(h.db, 'store-b')).map((q) => [q.documentId, q.code])).toEqual([
      [returns[1]!.id, REFUND_EXCEEDS_PAID],
    ]);
  });

  it('lets only one of two counters pushing the last refund of a bill at once store it', async () => {
    const counters = [h.devices.a, await h.device('store-a', 'Counter A2')];
    for (let round = 0; round < 8; round += 1) {
      const original = saleOfBill('store-a', paidBill([packets(2, 'p002')]));
      await h.api(h.devices.a).push('sales', asPushRows([original]));
      const returns = counters.map(() => returnOf(original, paidBill([packets(1, 'p002')])));
      await Promise.all(
        counters.map((device, i) => h.api(device).push('sales', asPushRows([returns[i]!]))),
      );
      const refunded = await h.db.query<{ n: string; total: string }>(
        `SELECT count(*)::text AS n, coalesce(sum(total_minor), 0)::text AS total FROM sales
          WHERE store_id = 'store-a' AND original_sale_id = $1`,
        [original.id],
      );
      expect(refunded.rows).toEqual([{ n: '1', total: '1100' }]);
    }
  });

  it('quarantines a return whose sale this store does not hold, or that points at a return', async () => {
    const api = h.api(h.devices.c);
    const elsewhere = saleOfBill('store-a', paidBill([packets(1, 'p004')]));
    await h.api(h.devices.a).push('sales', asPushRows([elsewhere]));
    const ghost = saleOfBill('store-c', paidBill([packets(1, 'p004')]), {
      kind: 'return',
      originalSaleId: newFactId(),
    });
    const foreign = saleOfBill('store-c', paidBill([packets(1, 'p004')]), {
      kind: 'return',
      originalSaleId: elsewhere.id,
    });
    const original = saleOfBill('store-c', paidBill([packets(2, 'p004')]));
    const first = returnOf(original, paidBill([packets(1, 'p004')]));
    const ofReturn = returnOf(first, paidBill([packets(1, 'p004')]));
    const answer = await api.push('sales', asPushRows([ghost, foreign, original, first, ofReturn]));
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('3');
    expect((await listQuarantine(h.db, 'store-c')).map((q) => [q.documentId, q.code])).toEqual([
      [ghost.id, RETURN_ORIGINAL_UNKNOWN],
      [foreign.id, RETURN_ORIGINAL_UNKNOWN],
      [ofReturn.id, RETURN_ORIGINAL_UNKNOWN],
    ]);
  });

  it('accepts bills whose GST is halved per line (the old rule) and per bill (the new one)', async () => {
    const api = h.api(h.devices.a);
    const tenners = Array.from({ length: 10 }, (_, i): BillLineInput => ({
      ...packets(1, 'p005'),
      name: `Item ${i}`,
      unitPriceMinor: 1000,
      mrpMinor: 1000,
      gstRateBp: 1800,
    }));
    const newRule = saleOfBill('store-a', paidBill(tenners));
    expect(newRule.totals).toMatchObject({ cgstMinor: 765, sgstMinor: 765 });
    // The same bill as terminals built it before: each line halved, its odd paisa to CGST.
    const oldLines = newRule.lines.map((line) => {
      const tax = taxFromInclusive(line.netMinor, line.gstRateBp, line.cessRateBp, 'intra');
      const { cgstMinor, sgstMinor } = splitGst(tax.cgstMinor + tax.sgstMinor, 'intra');
      return { ...line, cgstMinor, sgstMinor };
    });
    const oldRule = saleOfBill('store-a', paidBill(tenners), {
      lines: oldLines,
      taxBreakdown: [{ ...newRule.taxBreakdown[0]!, cgstMinor: 770, sgstMinor: 760 }],
      totals: { ...newRule.totals, cgstMinor: 770, sgstMinor: 760 },
    });
    const answer = await api.push('sales', asPushRows([newRule, oldRule]));
    expect(answer).toMatchObject({ status: 200, body: [] });
    expect(answer.headers.get(QUARANTINED_HEADER)).toBe('0');
    const sums = await h.db.query<{ id: string; cgst: string; sgst: string }>(
      `SELECT sale_id::text AS id, sum(cgst_minor)::text AS cgst, sum(sgst_minor)::text AS sgst
         FROM sale_lines WHERE sale_id = ANY($1::uuid[]) GROUP BY sale_id`,
      [[newRule.id, oldRule.id]],
    );
    expect(new Map(sums.rows.map((r) => [r.id, [r.cgst, r.sgst]]))).toEqual(
      new Map([
        [newRule.id, ['765', '765']],
        [oldRule.id, ['770', '760']],
      ]),
    );
  });
});
