import { randomUUID } from 'node:crypto';
import {
  type TransferFact,
  inTransitListSchema,
  transferDetailSchema,
  transferListSchema,
} from '@kiryana/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { type AdminActor, errorCodeOf, openAdminTestApp } from '../admin-api/admin-test-kit';
import { applyTransferStep } from '../workflow/workflow.service';

/**
 * The transfers admin API on a real database, with the terminals' dispatch and receipt applied
 * through the same workflow service their pushes use: who sees which transfer (a store those it is
 * part of, a region those with either end in it, HQ all), who may approve (within a region; HQ
 * across), resolve and cancel, retries applying once, and bad input answered 4xx with the shared
 * envelope and nothing changed.
 */

type Detail = ReturnType<typeof transferDetailSchema.parse>;

describe.each(testDatabases())('transfers admin API on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  const ids = { t1: randomUUID(), t2: randomUUID(), t3: randomUUID(), t4: randomUUID() };

  const post = (actor: AdminActor, path: string, body: unknown) =>
    t.json(actor, 'POST', path, body);
  const detail = async (res: Response, status = 200): Promise<Detail> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return transferDetailSchema.parse(JSON.parse(text));
  };
  const codeOf = errorCodeOf;
  /** Everything a transfer step can write. */
  const fingerprint = async () =>
    (
      await t.db.query<{ f: string }>(
        `SELECT (SELECT count(*) FROM workflow_documents)::text || '/' ||
                (SELECT coalesce(md5(string_agg(doc::text, '' ORDER BY store_id, id)), '') FROM workflow_documents) || '/' ||
                (SELECT count(*) FROM stock_movements)::text || '/' ||
                (SELECT count(*) FROM audit_log)::text || '/' ||
                (SELECT count(*) FROM transfer_write_offs)::text AS f`,
      )
    ).rows[0]?.f;
  const deviceStep = async (
    storeId: string,
    fact:
      | Omit<Extract<TransferFact, { type: 'dispatch' }>, 'actorId' | 'at'>
      | Omit<Extract<TransferFact, { type: 'receive' }>, 'actorId' | 'at'>,
  ) => {
    const result = await t.db.transaction((tx) =>
      applyTransferStep(
        tx,
        { ...fact, actorId: `clerk-${storeId}`, at: new Date().toISOString() },
        { kind: 'device', userId: `clerk-${storeId}`, storeId },
      ),
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
  };
  const request = (transferId: string, from: string, to: string, qty = 10) => ({
    factId: randomUUID(),
    transferId,
    fromStoreId: from,
    toStoreId: to,
    lines: [
      { productId: 'p1', qtyBase: qty },
      { productId: 'p2', qtyBase: 5 },
    ],
  });

  beforeAll(async () => {
    await insertStores(t.db, 'r2', ['s2b']);
  });

  it('lets stores request and shows each reader only the transfers it reaches', async () => {
    // The store manager of s1a asks its neighbour s1b for stock.
    const t1 = await detail(
      await post('storeManager', '/v1/admin/transfers', request(ids.t1, 's1b', 's1a')),
      201,
    );
    expect(t1).toMatchObject({
      status: 'requested',
      transfer: { fromStoreId: 's1b', toStoreId: 's1a' },
    });
    expect(t1.products.map((p) => p.sku)).toEqual(['SKU-p1', 'SKU-p2']);
    await detail(await post('regional', '/v1/admin/transfers', request(ids.t2, 's1a', 's2a')), 201);
    await detail(await post('hq', '/v1/admin/transfers', request(ids.t3, 's2a', 's1b')), 201);
    await detail(await post('hq', '/v1/admin/transfers', request(ids.t4, 's2a', 's2b')), 201);
    // Not a party: a store manager of s1a cannot move stock between two other stores.
    expect(
      (await post('storeManager', '/v1/admin/transfers', request(randomUUID(), 's1b', 's2a')))
        .status,
    ).toBe(403);
    expect(
      (await post('cashier', '/v1/admin/transfers', request(randomUUID(), 's1b', 's1a'))).status,
    ).toBe(403);

    const listed = async (actor: AdminActor, query = '') => {
      const res = await t.as(actor, `/v1/admin/transfers${query}`);
      expect(res.status).toBe(200);
      return transferListSchema
        .parse(await res.json())
        .transfers.map((x) => x.transferId)
        .sort();
    };
    const sorted = (...xs: string[]) => [...xs].sort();
    expect(await listed('storeManager')).toEqual(sorted(ids.t1, ids.t2));
    expect(await listed('cashier')).toEqual(sorted(ids.t1, ids.t2));
    expect(await listed('regional')).toEqual(sorted(ids.t1, ids.t2, ids.t3));
    expect(await listed('hq')).toEqual(sorted(ids.t1, ids.t2, ids.t3, ids.t4));
    expect(await listed('auditor')).toEqual(sorted(ids.t1, ids.t2, ids.t3, ids.t4));
    expect(await listed('hq', '?storeId=s2b')).toEqual([ids.t4]);
    expect(await listed('hq', '?regionId=r1')).toEqual(sorted(ids.t1, ids.t2, ids.t3));
    expect(await listed('regional', '?storeId=s2b')).toEqual([]);
    expect(await listed('hq', '?status=approved')).toEqual([]);
    expect((await t.as('hq', '/v1/admin/transfers?status=lost')).status).toBe(400);
    expect((await t.as('hq', '/v1/admin/transfers?cursor=bm9wZQ')).status).toBe(400);

    expect((await t.as('storeManager', `/v1/admin/transfers/${ids.t3}`)).status).toBe(404);
    expect((await t.as('regional', `/v1/admin/transfers/${ids.t4}`)).status).toBe(404);
    expect((await t.as('hq', `/v1/admin/transfers/${ids.t4}`)).status).toBe(200);
    expect((await t.as('hq', '/v1/admin/transfers/not-a-uuid')).status).toBe(400);
    expect((await t.as('hq', `/v1/admin/transfers/${randomUUID()}`)).status).toBe(404);
  });

  it('lets a region approve within it and only HQ across regions; cashiers never', async () => {
    const approve = { factId: randomUUID(), lines: null };
    expect((await post('cashier', `/v1/admin/transfers/${ids.t1}/approve`, approve)).status).toBe(
      403,
    );
    expect(
      (await post('storeManager', `/v1/admin/transfers/${ids.t1}/approve`, approve)).status,
    ).toBe(403);
    expect((await post('regional', `/v1/admin/transfers/${ids.t2}/approve`, approve)).status).toBe(
      403,
    );
    const approved = await detail(
      await post('regional', `/v1/admin/transfers/${ids.t1}/approve`, {
        factId: approve.factId,
        lines: [{ productId: 'p1', qtyBase: 8 }],
      }),
    );
    expect(approved.status).toBe('approved');
    expect(approved.transfer.lines.map((l) => l.approvedQtyBase)).toEqual([8, 5]);
    // A retry of the same request (lost answer) applies nothing more.
    const before = await fingerprint();
    const again = await detail(
      await post('regional', `/v1/admin/transfers/${ids.t1}/approve`, {
        factId: approve.factId,
        lines: [{ productId: 'p1', qtyBase: 8 }],
      }),
    );
    expect(again.transfer).toEqual(approved.transfer);
    expect(await fingerprint()).toBe(before);
    const twice = await post('regional', `/v1/admin/transfers/${ids.t1}/approve`, {
      factId: randomUUID(),
      lines: null,
    });
    expect(twice.status).toBe(409);
    expect(await codeOf(twice)).toBe('TRANSITION_NOT_ALLOWED');
    expect(await fingerprint()).toBe(before);

    expect(
      (
        await detail(
          await post('hq', `/v1/admin/transfers/${ids.t2}/approve`, {
            factId: randomUUID(),
            lines: null,
          }),
        )
      ).status,
    ).toBe('approved');
    const audit = await t.db.query<{ kind: string }>(
      "SELECT kind FROM audit_log WHERE kind LIKE 'transfer.%' ORDER BY kind",
    );
    expect(audit.rows.filter((r) => r.kind === 'transfer.approve')).toHaveLength(2);
    expect(audit.rows.filter((r) => r.kind === 'transfer.request')).toHaveLength(4);
  });

  it('follows the goods: in transit for both stores, a shortage resolved at the destination', async () => {
    await deviceStep('s1b', {
      type: 'dispatch',
      factId: randomUUID(),
      transferId: ids.t1,
      storeId: 's1b',
      lines: [
        { productId: 'p1', qtyBase: 8 },
        { productId: 'p2', qtyBase: 5 },
      ],
    });
    const inTransit = async (actor: AdminActor, storeId: string) => {
      const res = await t.as(actor, `/v1/admin/stock/in-transit?storeId=${storeId}`);
      expect(res.status).toBe(200);
      return inTransitListSchema.parse(await res.json()).rows;
    };
    expect(await inTransit('storeManager', 's1a')).toEqual([
      {
        transferId: ids.t1,
        productId: 'p1',
        fromStoreId: 's1b',
        toStoreId: 's1a',
        direction: 'incoming',
        qtyBase: 8,
      },
      {
        transferId: ids.t1,
        productId: 'p2',
        fromStoreId: 's1b',
        toStoreId: 's1a',
        direction: 'incoming',
        qtyBase: 5,
      },
    ]);
    expect((await inTransit('regional', 's1b')).map((r) => [r.direction, r.qtyBase])).toEqual([
      ['outgoing', 8],
      ['outgoing', 5],
    ]);
    expect((await t.as('storeManager', '/v1/admin/stock/in-transit?storeId=s1b')).status).toBe(403);

    await deviceStep('s1a', {
      type: 'receive',
      factId: randomUUID(),
      transferId: ids.t1,
      storeId: 's1a',
      lines: [
        { productId: 'p1', receivedQtyBase: 6, shortQtyBase: 2, damagedQtyBase: 0 },
        { productId: 'p2', receivedQtyBase: 5, shortQtyBase: 0, damagedQtyBase: 0 },
      ],
      note: null,
    });
    const board = transferDetailSchema.parse(
      await (await t.as('storeManager', `/v1/admin/transfers/${ids.t1}`)).json(),
    );
    expect(board.status).toBe('discrepancy');
    expect(board.inTransit).toEqual([
      { productId: 'p1', qtyBase: 2 },
      { productId: 'p2', qtyBase: 0 },
    ]);

    // Resolving more than is open changes nothing.
    const before = await fingerprint();
    const tooMuch = await post('storeManager', `/v1/admin/transfers/${ids.t1}/resolve`, {
      factId: randomUUID(),
      lines: [{ productId: 'p1', foundQtyBase: 0, writeOffQtyBase: 3 }],
      reason: 'lost_in_transit',
      note: null,
    });
    expect(tooMuch.status).toBe(409);
    expect(await codeOf(tooMuch)).toBe('QTY_EXCEEDS_OPEN');
    expect(await fingerprint()).toBe(before);
    expect(
      (
        await post('cashier', `/v1/admin/transfers/${ids.t1}/resolve`, {
          factId: randomUUID(),
          lines: [{ productId: 'p1', foundQtyBase: 1, writeOffQtyBase: 1 }],
          reason: 'lost_in_transit',
          note: null,
        })
      ).status,
    ).toBe(403);
    const resolved = await detail(
      await post('storeManager', `/v1/admin/transfers/${ids.t1}/resolve`, {
        factId: randomUUID(),
        lines: [{ productId: 'p1', foundQtyBase: 1, writeOffQtyBase: 1 }],
        reason: 'lost_in_transit',
        note: 'one case never arrived',
      }),
    );
    expect(resolved.status).toBe('closed');
    expect(await inTransit('storeManager', 's1a')).toEqual([]);
    // Σ movements of a closed transfer = 0, written off included: −8 at s1b, +7 at s1a, 1 lost.
    const moved = await t.db.query<{ store_id: string; qty: string }>(
      `SELECT store_id, sum(qty_delta_base)::text AS qty FROM stock_movements
        WHERE product_id = 'p1' AND doc->>'refId' = $1 GROUP BY store_id ORDER BY store_id`,
      [ids.t1],
    );
    expect(moved.rows).toEqual([
      { store_id: 's1a', qty: '7' },
      { store_id: 's1b', qty: '-8' },
    ]);

    // Acting on a closed transfer: 409, nothing changed.
    const closed = await fingerprint();
    const cancel = await post('storeManager', `/v1/admin/transfers/${ids.t1}/cancel`, {
      factId: randomUUID(),
      reason: 'too late',
    });
    expect(cancel.status).toBe(409);
    expect(['DOCUMENT_CLOSED', 'TRANSITION_NOT_ALLOWED']).toContain(await codeOf(cancel));
    expect(await fingerprint()).toBe(closed);
  });

  it('cancels an undispatched transfer for a party, not for others', async () => {
    expect(
      (
        await post('storeManager', `/v1/admin/transfers/${ids.t4}/cancel`, {
          factId: randomUUID(),
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    const cancelled = await detail(
      await post('storeManager', `/v1/admin/transfers/${ids.t2}/cancel`, {
        factId: randomUUID(),
        reason: 'not needed',
      }),
    );
    expect(cancelled.status).toBe('cancelled');
  });

  it('pages the board with its cursor: every transfer once, newest activity first', async () => {
    for (let i = 0; i < 52; i += 1) {
      await detail(
        await post('hq', '/v1/admin/transfers', request(randomUUID(), 's2b', 's2a', 1)),
        201,
      );
    }
    const seen: string[] = [];
    const stamps: string[] = [];
    let next: string | null = '';
    while (next !== null) {
      const query: string = next === '' ? '' : `&cursor=${next}`;
      const res = await t.as('hq', `/v1/admin/transfers?storeId=s2b${query}`);
      expect(res.status).toBe(200);
      const page = transferListSchema.parse(await res.json());
      seen.push(...page.transfers.map((x) => x.transferId));
      stamps.push(...page.transfers.map((x) => x.updatedAt));
      next = page.next;
    }
    expect(seen).toHaveLength(53);
    expect(new Set(seen).size).toBe(53);
    expect([...stamps].sort().reverse()).toEqual(stamps);
  });

  it('refuses bad input with the envelope and changes nothing', async () => {
    const before = await fingerprint();
    const bad: [string, AdminActor, unknown, number][] = [
      [
        'unknown product',
        'hq',
        { ...request(randomUUID(), 's1a', 's1b'), lines: [{ productId: 'nope', qtyBase: 1 }] },
        400,
      ],
      [
        'negative quantity',
        'hq',
        { ...request(randomUUID(), 's1a', 's1b'), lines: [{ productId: 'p1', qtyBase: -3 }] },
        400,
      ],
      [
        'zero quantity',
        'hq',
        { ...request(randomUUID(), 's1a', 's1b'), lines: [{ productId: 'p1', qtyBase: 0 }] },
        400,
      ],
      [
        'fractional quantity',
        'hq',
        { ...request(randomUUID(), 's1a', 's1b'), lines: [{ productId: 'p1', qtyBase: 1.5 }] },
        400,
      ],
      ['unknown store', 'hq', request(randomUUID(), 's1a', 's9'), 400],
      ['same store', 'hq', request(randomUUID(), 's1a', 's1a'), 400],
      ['not a uuid', 'hq', { ...request('t-1', 's1a', 's1b') }, 400],
      ['unknown store out of reach', 'regional', request(randomUUID(), 's9', 's8'), 403],
      ['existing transfer, new request', 'hq', request(ids.t3, 's2a', 's1b'), 409],
    ];
    for (const [label, actor, body, status] of bad) {
      const res = await post(actor, '/v1/admin/transfers', body);
      expect(res.status, label).toBe(status);
      expect(typeof (await codeOf(res)), label).toBe('string');
    }
    const notJson = await t.as('hq', '/v1/admin/transfers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(
      (
        await post('hq', `/v1/admin/transfers/${randomUUID()}/approve`, {
          factId: randomUUID(),
          lines: null,
        })
      ).status,
    ).toBe(404);
    expect(await fingerprint()).toBe(before);
  });
});
