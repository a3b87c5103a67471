import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockMovementSchema } from '../documents/stock-movement';
import { ERROR_CODES } from '../errors/error-codes';
import { validateMovementDelta } from '../stock/stock-movement';
import { movingAverageCost } from './moving-average-cost';
import { purchaseOrderFactSchema, type PurchaseOrderFact } from './purchase-order-facts';
import {
  applyPurchaseOrderFact,
  type PurchaseOrderAllowances,
  type PurchaseOrderMovement,
} from './purchase-order-machine';
import {
  purchaseOrderStateSchema,
  purchaseOrderStatusOf,
  purchaseOrderVariance,
  type PurchaseOrderState,
} from './purchase-order-state';

const PO = '018f0000-0000-7000-8000-0000000000b0';
let counter = 0;
const fid = (): string => {
  counter += 1;
  return `018f0000-0000-7000-8000-${(0x1000 + counter).toString(16).padStart(12, '0')}`;
};
const at = '2026-12-07T06:00:00.000Z';
const base = () => ({ factId: fid(), poId: PO, actorId: 'u-hq', at });
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const LINES = [
  // 5 cases of 24 biscuit packets at ₹240 a case
  {
    productId: 'p-biscuit',
    orderUnitName: 'case',
    baseUnitsPerOrderUnit: 24,
    orderedQtyOrderUnits: 5,
    costMinorPerOrderUnit: 24000,
  },
  // 2 cartons of 12 oil bottles at ₹1,800 a carton
  {
    productId: 'p-oil-1l',
    orderUnitName: 'carton',
    baseUnitsPerOrderUnit: 12,
    orderedQtyOrderUnits: 2,
    costMinorPerOrderUnit: 180000,
  },
];
const create = (): PurchaseOrderFact => ({
  ...base(),
  type: 'create',
  storeId: 's-andheri',
  supplierId: 'sup-parle',
  lines: LINES,
});
const revise = (): PurchaseOrderFact => ({ ...base(), type: 'revise', lines: LINES });
const approve = (): PurchaseOrderFact => ({ ...base(), type: 'approve' });
const send = (): PurchaseOrderFact => ({ ...base(), type: 'send' });
const receive = (lines: [string, number, number][], storeId = 's-andheri'): PurchaseOrderFact => ({
  ...base(),
  type: 'receive',
  storeId,
  supplierInvoiceNo: `INV-${counter}`,
  supplierInvoiceDate: '2026-12-06',
  lines: lines.map(([productId, receivedQtyBase, unitCostMinor]) => ({
    productId,
    receivedQtyBase,
    unitCostMinor,
    batchNo: null,
    expiryDate: null,
  })),
});

function run(
  facts: readonly PurchaseOrderFact[],
  allowances?: PurchaseOrderAllowances,
): { state: PurchaseOrderState; movements: PurchaseOrderMovement[] } {
  let state: PurchaseOrderState | null = null;
  const movements: PurchaseOrderMovement[] = [];
  for (const fact of facts) {
    const r = applyPurchaseOrderFact(state, purchaseOrderFactSchema.parse(fact), allowances);
    if ('error' in r) throw new Error(`${fact.type}: ${r.error.message}`);
    state = r.state;
    movements.push(...r.movements);
  }
  if (state === null) throw new Error('no facts');
  return { state, movements };
}

function refusalOf(
  before: readonly PurchaseOrderFact[],
  fact: PurchaseOrderFact,
  allowances?: PurchaseOrderAllowances,
): string {
  const { state } = run(before);
  const snapshot = clone(state);
  const r = applyPurchaseOrderFact(state, fact, allowances);
  expect(state).toEqual(snapshot);
  return 'error' in r ? r.error.code : 'accepted';
}

describe('purchase orders', () => {
  it('converts order units to base units on the lines', () => {
    const { state } = run([create()]);
    expect(state.status).toBe('draft');
    expect(state.lines.map((l) => [l.productId, l.orderedQtyBase])).toEqual([
      ['p-biscuit', 120],
      ['p-oil-1l', 24],
    ]);
  });

  it('receives in two deliveries, shows the shortfall, and closes short', () => {
    const head = [create(), approve(), send()];
    const first = receive([
      ['p-biscuit', 72, 1000],
      ['p-oil-1l', 12, 15000],
    ]);
    const second = receive([['p-biscuit', 24, 1050]]);
    const close: PurchaseOrderFact = {
      ...base(),
      type: 'close_short',
      reason: 'supplier out of oil',
    };
    expect(run(head).state.status).toBe('sent');
    expect(run([...head, first]).state.status).toBe('partly_received');
    const { state, movements } = run([...head, first, second, close]);
    expect(state.status).toBe('closed_short');
    expect(purchaseOrderStateSchema.parse(state)).toEqual(state);
    expect(purchaseOrderVariance(state)).toEqual([
      {
        productId: 'p-biscuit',
        orderedQtyBase: 120,
        receivedQtyBase: 96,
        overQtyBase: 0,
        underQtyBase: 24,
        received: { orderUnits: 4, looseBase: 0 },
      },
      {
        productId: 'p-oil-1l',
        orderedQtyBase: 24,
        receivedQtyBase: 12,
        overQtyBase: 0,
        underQtyBase: 12,
        received: { orderUnits: 1, looseBase: 0 },
      },
    ]);
    expect(
      movements.map((m) => [m.id, m.kind, m.productId, m.qtyDeltaBase, m.unitCostMinor]),
    ).toEqual([
      [`${first.factId}:1`, 'receipt', 'p-biscuit', 72, 1000],
      [`${first.factId}:2`, 'receipt', 'p-oil-1l', 12, 15000],
      [`${second.factId}:1`, 'receipt', 'p-biscuit', 24, 1050],
    ]);
    // The store had 10 biscuit packets at ₹9.50 before: (10 × 950 + 72 × 1000) / 82 = 81500 / 82
    // = 993.9 → 994; then (82 × 994 + 24 × 1050) / 106 = 106708 / 106 = 1006.7 → 1007.
    const biscuits = movements.filter((m) => m.productId === 'p-biscuit');
    expect(
      movingAverageCost([
        { kind: 'in', qtyBase: 10, unitCostMinor: 950 },
        ...biscuits.map((m) => ({
          kind: 'in' as const,
          qtyBase: m.qtyDeltaBase,
          unitCostMinor: m.unitCostMinor,
        })),
      ]),
    ).toEqual({ onHandQtyBase: 106, avgCostMinor: 1007 });
    expect(state.receipts.map((r) => r.supplierInvoiceNo)).toHaveLength(2);
  });

  it('becomes received when every line arrived in full, and then accepts nothing', () => {
    const full = run([
      create(),
      approve(),
      send(),
      receive([
        ['p-biscuit', 120, 1000],
        ['p-oil-1l', 24, 15000],
      ]),
    ]);
    expect(full.state.status).toBe('received');
    expect(
      applyPurchaseOrderFact(full.state, receive([['p-oil-1l', 1, 15000]]), { overDelivery: true }),
    ).toMatchObject({ error: { code: 'DOCUMENT_CLOSED' } });
  });

  it('refuses over-delivery unless allowed, and shows it when allowed', () => {
    const head = [create(), approve(), send()];
    const over = receive([['p-oil-1l', 25, 15000]]);
    expect(refusalOf(head, over)).toBe('OVER_DELIVERY_NOT_ALLOWED');
    const { state } = run([...head, over], { overDelivery: true });
    expect(purchaseOrderVariance(state).find((v) => v.productId === 'p-oil-1l')).toMatchObject({
      overQtyBase: 1,
      underQtyBase: 0,
    });
    expect(state.status).toBe('partly_received'); // the biscuits are still due
  });

  it.each([
    [
      'receiving a draft',
      () => [create()],
      () => receive([['p-oil-1l', 1, 1]]),
      'TRANSITION_NOT_ALLOWED',
    ],
    [
      'receiving before it was sent',
      () => [create(), approve()],
      () => receive([['p-oil-1l', 1, 1]]),
      'TRANSITION_NOT_ALLOWED',
    ],
    ['sending a draft', () => [create()], send, 'TRANSITION_NOT_ALLOWED'],
    ['approving twice', () => [create(), approve()], approve, 'TRANSITION_NOT_ALLOWED'],
    ['revising an approved order', () => [create(), approve()], revise, 'TRANSITION_NOT_ALLOWED'],
    [
      'receiving at another store',
      () => [create(), approve(), send()],
      () => receive([['p-oil-1l', 1, 1]], 's-bandra'),
      'WRONG_STORE',
    ],
    [
      'receiving an unknown product',
      () => [create(), approve(), send()],
      () => receive([['p-ghee', 1, 1]]),
      'UNKNOWN_LINE',
    ],
    [
      'closing short with nothing received',
      () => [create(), approve(), send()],
      () => ({ ...base(), type: 'close_short' as const, reason: 'x' }),
      'TRANSITION_NOT_ALLOWED',
    ],
    [
      'cancelling after a delivery',
      () => [create(), approve(), send(), receive([['p-oil-1l', 1, 1]])],
      () => ({ ...base(), type: 'cancel' as const, reason: 'x' }),
      'TRANSITION_NOT_ALLOWED',
    ],
    [
      'receiving on a cancelled order',
      () => [create(), { ...base(), type: 'cancel' as const, reason: 'x' }],
      () => receive([['p-oil-1l', 1, 1]]),
      'DOCUMENT_CLOSED',
    ],
    ['a step on a missing order', () => [], approve, 'NOT_FOUND'],
  ] as [string, () => PurchaseOrderFact[], () => PurchaseOrderFact, string][])(
    'refuses %s',
    (_, before, fact, code) => {
      const facts = before();
      if (facts.length === 0) {
        expect(applyPurchaseOrderFact(null, fact())).toMatchObject({ error: { code } });
        return;
      }
      expect(refusalOf(facts, fact())).toBe(code);
    },
  );

  it('treats a replayed receipt as a no-op', () => {
    const r = receive([['p-oil-1l', 12, 15000]]);
    const { state } = run([create(), approve(), send(), r]);
    expect(applyPurchaseOrderFact(state, r)).toEqual({ state, movements: [] });
  });
});

describe('purchase order properties', () => {
  const stepArb = fc.record({
    type: fc.constantFrom(
      'approve',
      'send',
      'receive',
      'receive',
      'receive',
      'close_short',
      'cancel',
      'revise',
      'replay',
    ),
    product: fc.constantFrom('p-biscuit', 'p-oil-1l'),
    delta: fc.oneof(fc.integer({ min: -30, max: 3 }), fc.constantFrom(-1, 0, 1, 2)),
    cost: fc.integer({ min: 0, max: 100_000 }),
    overDelivery: fc.boolean(),
  });

  it('never receives beyond the order without the allowance, and an ended order accepts nothing', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 25 }),
        fc.boolean(),
        fc.nat(2),
        (steps, everAllowed, head) => {
          // Most runs start approved and sent, so receipts are exercised.
          let { state } = run([create(), approve(), send()].slice(0, 1 + head));
          const movements: PurchaseOrderMovement[] = [];
          const sent: PurchaseOrderFact[] = [];
          for (const s of steps) {
            const line = state.lines.find((l) => l.productId === s.product)!;
            const due = line.orderedQtyBase - line.receivedQtyBase;
            let fact: PurchaseOrderFact;
            if (s.type === 'replay' && sent.length > 0) {
              fact = sent[Math.abs(s.delta) % sent.length]!;
            } else if (s.type === 'receive' || s.type === 'replay') {
              fact = receive([[s.product, Math.max(1, due + s.delta), s.cost]]);
            } else if (s.type === 'revise') {
              fact = revise();
            } else if (s.type === 'close_short' || s.type === 'cancel') {
              fact = { ...base(), type: s.type, reason: 'r' };
            } else {
              fact = { ...base(), type: s.type };
            }
            const allowances = { overDelivery: everAllowed && s.overDelivery };
            const before = clone(state);
            const wasEnded = ['received', 'closed_short', 'cancelled'].includes(state.status);
            const r = applyPurchaseOrderFact(state, fact, allowances);
            if ('error' in r) {
              expect(ERROR_CODES).toContain(r.error.code);
              expect(state).toEqual(before);
              if (wasEnded) expect(r.error.code).toBe('DOCUMENT_CLOSED');
              continue;
            }
            if (wasEnded) {
              // Only a replay of a fact already applied is accepted, and it changes nothing.
              expect(r.state).toBe(state);
              expect(r.movements).toEqual([]);
            }
            state = r.state;
            movements.push(...r.movements);
            sent.push(fact);
            expect(state.status).toBe(purchaseOrderStatusOf(state));
            for (const l of state.lines) {
              const total = movements
                .filter((m) => m.productId === l.productId)
                .reduce((a, m) => a + m.qtyDeltaBase, 0);
              expect(total).toBe(l.receivedQtyBase);
              if (!everAllowed) expect(l.receivedQtyBase).toBeLessThanOrEqual(l.orderedQtyBase);
            }
            expect(new Set(movements.map((m) => m.id)).size).toBe(movements.length);
            for (const m of r.movements) {
              expect(validateMovementDelta(m.kind, m.qtyDeltaBase)).toBeNull();
              expect(stockMovementSchema.shape.id.safeParse(m.id).success).toBe(true);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the same document for two deliveries recorded at once, in either order', () => {
    const lineArb = fc.tuple(
      fc.constantFrom('p-biscuit', 'p-oil-1l'),
      fc.integer({ min: 1, max: 80 }),
      fc.nat(5000),
    );
    fc.assert(
      fc.property(lineArb, lineArb, fc.boolean(), (a, b, allowed) => {
        const { state } = run([create(), approve(), send()]);
        const r1 = receive([a]);
        const r2 = receive([b]);
        const apply = (first: PurchaseOrderFact, second: PurchaseOrderFact) => {
          const x = applyPurchaseOrderFact(state, first, { overDelivery: allowed });
          if ('error' in x) return null;
          const y = applyPurchaseOrderFact(x.state, second, { overDelivery: allowed });
          if ('error' in y) return null;
          return { state: y.state, ids: [...x.movements, ...y.movements].map((m) => m.id).sort() };
        };
        const one = apply(r1, r2);
        const two = apply(r2, r1);
        expect(one === null).toBe(two === null); // over-delivery is refused in both orders or none
        if (one !== null && two !== null) {
          expect(two.state).toEqual(one.state);
          expect(two.ids).toEqual(one.ids);
        }
      }),
    );
  });
});
