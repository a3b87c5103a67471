import { type BillLineInput, type Sale } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { asPushRows, billLine, newFactId, paidBill, saleOfBill } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';

const packets = (qtyBase: number): BillLineInput => billLine('p001', qtyBase, 1050);

async function answerOf(response: Response): Promise<{ status: number; body: unknown }> {
  return { status: response.status, body: await response.json() };
}

describe.each(testDatabases())('GET /v1/sync/bill on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));

  /** A ₹31.50 bill of store A, two one-packet returns of it, all pushed by store A's terminal. */
  async function billWithReturns(invoiceNo: string): Promise<{ sale: Sale; returns: Sale[] }> {
    const sale = saleOfBill('store-a', paidBill([packets(3)]), { invoiceNo });
    const returnOf = (n: number, createdAt: string) =>
      saleOfBill('store-a', paidBill([packets(1)]), {
        kind: 'return',
        originalSaleId: sale.id,
        invoiceNo: `${invoiceNo}R${n}`.slice(-16),
        createdAt,
      });
    const returns = [
      returnOf(1, '2026-03-15T10:00:00.000Z'),
      returnOf(2, '2026-03-16T10:00:00.000Z'),
    ];
    const pushed = await h.api(h.devices.a).push('sales', asPushRows([sale, ...returns]));
    expect(pushed).toMatchObject({ status: 200, body: [] });
    return { sale, returns };
  }

  it("answers the device's own bill with its returns, by invoice number (any case) or id", async () => {
    const stored = await billWithReturns('BLR1T1/26/0042');
    const fetcher = h.fetcher(h.devices.a);
    const byNumber = await answerOf(await fetcher('/v1/sync/bill?invoiceNo=%20blr1t1/26/0042'));
    expect(byNumber).toEqual({ status: 200, body: stored });
    const byId = await answerOf(await fetcher(`/v1/sync/bill?id=${stored.sale.id}`));
    expect(byId).toEqual({ status: 200, body: stored });
  });

  it("answers 404 for another store's bill, a return, and a bill nobody made", async () => {
    const stored = await billWithReturns('BLR1T1/26/0043');
    const notFound = {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'This store has no such bill.' } },
    };
    const storeB = h.fetcher(h.devices.b);
    expect(await answerOf(await storeB('/v1/sync/bill?invoiceNo=BLR1T1/26/0043'))).toEqual(
      notFound,
    );
    expect(await answerOf(await storeB(`/v1/sync/bill?id=${stored.sale.id}`))).toEqual(notFound);
    const storeA = h.fetcher(h.devices.a);
    const returnId = stored.returns[0]?.id ?? '';
    expect(await answerOf(await storeA(`/v1/sync/bill?id=${returnId}`))).toEqual(notFound);
    expect(await answerOf(await storeA(`/v1/sync/bill?id=${newFactId()}`))).toEqual(notFound);
  });

  it('answers 400 with the field list for a query that is not exactly one valid key', async () => {
    const fetcher = h.fetcher(h.devices.a);
    const id = newFactId();
    const cases: [string, string][] = [
      ['', 'invoiceNo'],
      [`?invoiceNo=A1&id=${id}`, 'invoiceNo'],
      ['?id=not-a-uuid', 'id'],
      ['?invoiceNo=' + 'A'.repeat(17), 'invoiceNo'],
      ['?invoiceNo=A%20B', 'invoiceNo'],
      ['?invoiceNo=A1&storeId=store-b', '(root)'],
    ];
    for (const [query, path] of cases) {
      const answer = (await answerOf(await fetcher(`/v1/sync/bill${query}`))) as {
        status: number;
        body: { error: { code: string; details: { fields: { path: string }[] } } };
      };
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code, query).toBe('VALIDATION_FAILED');
      expect(
        answer.body.error.details.fields.map((f) => f.path),
        query,
      ).toContain(path);
    }
  });

  it('answers 401 without a device token', async () => {
    const response = await h.app.request('/v1/sync/bill?invoiceNo=A1');
    expect(response.status).toBe(401);
  });
});
