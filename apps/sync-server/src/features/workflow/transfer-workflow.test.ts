import { describe, expect, it } from 'vitest';
import { newFactId } from '../../testing/sync-fixtures';
import { eventually } from '../../testing/eventually';
import { applyTransferStep, findTransfer } from './workflow.service';
import {
  manager,
  level,
  movedBy,
  writtenOff,
  topics,
  quarantined,
  pushStep,
  documentsOf,
  stock,
  request,
  step,
  approve,
  noDrift,
} from './workflow-test-kit';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';

/**
 * Transfers on the server, through the real push of two stores’ terminals and the services the admin
 * routes call, on a migrated database: stock equals the sum of movements at every step.
 */

describe.each(testDatabases())('transfers on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { productCount: 10 }));
  it('walks a transfer from request to closed through two stores’ pushes and a manager', async () => {
    const { a, b } = h.devices;
    await stock(h, a, 'p001', 100);
    await stock(h, a, 'p002', 50);
    const T = newFactId();

    // The destination asks; both stores see the transfer, labelled with their codes.
    expect(
      await pushStep(
        h,
        b,
        request(T, [
          { productId: 'p001', qtyBase: 24 },
          { productId: 'p002', qtyBase: 10 },
        ]),
      ),
    ).toMatchObject({ status: 200, quarantined: '0' });
    const codes = await h.db.query<{ id: string; code: string }>(
      "SELECT id, code FROM stores WHERE id IN ('store-a', 'store-b') ORDER BY id",
    );
    const label = codes.rows.map((r) => r.code).join(' → ');
    for (const device of [a, b]) {
      const transfer = (await documentsOf(h, device)).find((d) => d.kind === 'transfer');
      expect(transfer).toMatchObject({ id: T, docId: T, status: 'requested', label });
      expect(transfer?.storeId).toBe(device.principal.storeId);
    }
    expect((await documentsOf(h, b)).filter((d) => d.kind === 'transfer-step')).toHaveLength(1);

    // The regional manager approves at the admin web, cutting p002 to 8.
    const approved = await h.db.transaction((tx) =>
      applyTransferStep(
        tx,
        step(T, 'approve', { lines: [{ productId: 'p002', qtyBase: 8 }] }),
        manager,
      ),
    );
    expect(approved).toMatchObject({ ok: true, state: { status: 'approved' } });

    // The source dispatches part: its shelf goes down, the rest is in transit.
    const d1 = step(T, 'dispatch', {
      storeId: 'store-a',
      lines: [
        { productId: 'p001', qtyBase: 24 },
        { productId: 'p002', qtyBase: 5 },
      ],
    });
    expect(await pushStep(h, a, d1)).toMatchObject({ status: 200, quarantined: '0' });
    expect([await level(h, 'store-a', 'p001'), await level(h, 'store-a', 'p002')]).toEqual([
      76, 45,
    ]);
    expect(await movedBy(h, T, 'store-a')).toBe(-29);
    await noDrift(h);

    // The destination counts: 20 in, 2 short, 2 damaged of p001; all 5 of p002.
    const r1 = step(T, 'receive', {
      storeId: 'store-b',
      note: 'two packets torn',
      lines: [
        { productId: 'p001', receivedQtyBase: 20, shortQtyBase: 2, damagedQtyBase: 2 },
        { productId: 'p002', receivedQtyBase: 5, shortQtyBase: 0, damagedQtyBase: 0 },
      ],
    });
    expect(await pushStep(h, b, r1)).toMatchObject({ status: 200, quarantined: '0' });
    expect([await level(h, 'store-b', 'p001'), await level(h, 'store-b', 'p002')]).toEqual([20, 5]);
    expect((await findTransfer(h.db, T))?.status).toBe('dispatching');

    const d2 = step(T, 'dispatch', {
      storeId: 'store-a',
      lines: [{ productId: 'p002', qtyBase: 3 }],
    });
    expect(await pushStep(h, a, d2)).toMatchObject({ status: 200, quarantined: '0' });
    expect((await findTransfer(h.db, T))?.status).toBe('in_transit');
    const r2 = step(T, 'receive', {
      storeId: 'store-b',
      note: null,
      lines: [{ productId: 'p002', receivedQtyBase: 3, shortQtyBase: 0, damagedQtyBase: 0 }],
    });
    expect(await pushStep(h, b, r2)).toMatchObject({ status: 200, quarantined: '0' });
    expect((await findTransfer(h.db, T))?.status).toBe('discrepancy');
    // In transit = −Σ movements: 4 of p001 wait for the manager.
    expect((await movedBy(h, T, 'store-a')) + (await movedBy(h, T, 'store-b'))).toBe(-4);
    await noDrift(h);

    // The manager resolves: 1 found (onto b's shelf), 3 written off.
    const resolved = await h.db.transaction((tx) =>
      applyTransferStep(
        tx,
        step(T, 'resolve', {
          reason: 'lost_in_transit',
          note: null,
          lines: [{ productId: 'p001', foundQtyBase: 1, writeOffQtyBase: 3 }],
        }),
        manager,
      ),
    );
    expect(resolved).toMatchObject({ ok: true, state: { status: 'closed' } });
    expect(await level(h, 'store-b', 'p001')).toBe(21);
    expect(await writtenOff(h, T)).toBe(3);
    // Closed: Σ movements of both stores + written off = 0.
    expect(
      (await movedBy(h, T, 'store-a')) +
        (await movedBy(h, T, 'store-b')) +
        (await writtenOff(h, T)),
    ).toBe(0);
    await noDrift(h);
    for (const device of [a, b]) {
      const transfer = (await documentsOf(h, device)).find((d) => d.id === T);
      expect(transfer?.status).toBe('closed');
    }
    expect(await topics(h, 'store-a', T)).toEqual([
      'transfer.requested',
      'transfer.approved',
      'transfer.dispatched',
      'transfer.dispatched',
    ]);
    expect(await topics(h, 'store-b', T)).toEqual([
      'transfer.received',
      'transfer.received',
      'transfer.resolved',
      'transfer.closed',
    ]);

    // A third store's terminal pulls none of it.
    expect(await documentsOf(h, h.devices.c)).toEqual([]);
  });

  it('applies a replayed push once, and wakes the other store’s terminals', async () => {
    const { a, b } = h.devices;
    await stock(h, a, 'p003', 30);
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p003', qtyBase: 10 }]));
    await approve(h, T);
    const pokes: string[] = [];
    const unsubscribe = h.deps.live.subscribe(
      'store-b',
      (poke) => pokes.push(poke.collection),
      () => undefined,
    );
    try {
      const dispatch = step(T, 'dispatch', {
        storeId: 'store-a',
        lines: [{ productId: 'p003', qtyBase: 10 }],
      });
      for (let i = 0; i < 3; i += 1) {
        expect(await pushStep(h, a, dispatch)).toEqual({
          status: 200,
          quarantined: '0',
          conflicts: [],
        });
      }
      expect(await level(h, 'store-a', 'p003')).toBe(20);
      expect(await movedBy(h, T, 'store-a')).toBe(-10);
      expect(await topics(h, 'store-a', T)).toHaveLength(3);
      // Store b's terminals hear that their copy of the transfer changed.
      await eventually(() => {
        expect(pokes).toContain('documents');
      });
    } finally {
      unsubscribe();
    }
  });

  it('lets two terminals of the source dispatch at once without exceeding the approval', async () => {
    const { a, b } = h.devices;
    const a2 = await h.device('store-a', 'Counter A2');
    await stock(h, a, 'p004', 40);
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p004', qtyBase: 12 }]));
    await approve(h, T);
    const most = (storeId: string) =>
      step(T, 'dispatch', { storeId, lines: [{ productId: 'p004', qtyBase: 8 }] });
    const [one, two] = [most('store-a'), most('store-a')];
    const answers = await Promise.all([pushStep(h, a, one), pushStep(h, a2, two)]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    expect(answers.map((x) => x.quarantined).sort()).toEqual(['0', '1']);
    const codes = [await quarantined(h, one.factId), await quarantined(h, two.factId)];
    expect(codes.filter((c) => c !== undefined)).toEqual(['QTY_EXCEEDS_OPEN']);
    // 8 of 12 went first; the other 8 would exceed the 4 still open.
    expect(await level(h, 'store-a', 'p004')).toBe(32);
    expect(await movedBy(h, T, 'store-a')).toBe(-8);

    // Halves from both terminals at once both go through.
    const U = newFactId();
    await pushStep(h, b, request(U, [{ productId: 'p004', qtyBase: 10 }]));
    await approve(h, U);
    const half = () =>
      step(U, 'dispatch', { storeId: 'store-a', lines: [{ productId: 'p004', qtyBase: 5 }] });
    const halves = await Promise.all([pushStep(h, a, half()), pushStep(h, a2, half())]);
    expect(halves.map((x) => x.quarantined)).toEqual(['0', '0']);
    expect(await level(h, 'store-a', 'p004')).toBe(22);
    expect((await findTransfer(h.db, U))?.status).toBe('in_transit');
    await noDrift(h);
  });

  it('lets both stores act on one transfer at the same moment without deadlocking', async () => {
    // The source dispatches the next unit while the destination receives the previous one: each
    // push writes both stores' scopes, taken in the same order whoever pushes.
    const { a, b } = h.devices;
    await stock(h, a, 'p010', 10);
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p010', qtyBase: 6 }]));
    await approve(h, T);
    const dispatchOne = () =>
      step(T, 'dispatch', { storeId: 'store-a', lines: [{ productId: 'p010', qtyBase: 1 }] });
    const receiveOne = () =>
      step(T, 'receive', {
        storeId: 'store-b',
        note: null,
        lines: [{ productId: 'p010', receivedQtyBase: 1, shortQtyBase: 0, damagedQtyBase: 0 }],
      });
    expect(await pushStep(h, a, dispatchOne())).toMatchObject({ quarantined: '0' });
    for (let round = 0; round < 5; round += 1) {
      const answers = await Promise.all([
        pushStep(h, a, dispatchOne()),
        pushStep(h, b, receiveOne()),
      ]);
      expect(answers).toEqual([
        { status: 200, quarantined: '0', conflicts: [] },
        { status: 200, quarantined: '0', conflicts: [] },
      ]);
    }
    expect(await pushStep(h, b, receiveOne())).toMatchObject({ quarantined: '0' });
    expect((await findTransfer(h.db, T))?.status).toBe('closed');
    expect([await level(h, 'store-a', 'p010'), await level(h, 'store-b', 'p010')]).toEqual([4, 6]);
    expect((await movedBy(h, T, 'store-a')) + (await movedBy(h, T, 'store-b'))).toBe(0);
    await noDrift(h);
  });
});
