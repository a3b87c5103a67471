import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockMovementSchema } from '../documents/stock-movement';
import { ERROR_CODES } from '../errors/error-codes';
import { validateMovementDelta } from '../stock/stock-movement';
import { transferFactSchema, type TransferFact } from './transfer-facts';
import { applyTransferFact, type TransferMovement } from './transfer-machine';
import {
  lineInTransit,
  lineOpenDiscrepancy,
  linePendingArrival,
  transferStatusOf,
  type TransferState,
} from './transfer-state';

/**
 * Property tests of the transfer machine. A world: a transfer between a source terminal (SRC), a
 * destination terminal (DST) and a manager (MGR). In each round every actor copies the server's
 * document, takes up to three steps offline against its own copy (each legal there), and the
 * server then receives the three queues interleaved in an arbitrary way (each actor's own order
 * kept), with replays of earlier facts mixed in. Some steps are refused at the server because a
 * concurrent step took the quantity first; that is allowed, silently changing stock is not.
 */

const TRANSFER = '018f0000-0000-7000-8000-0000000000aa';
const FROM = 's-src';
const TO = 's-dst';
const PRODUCTS = ['p-a', 'p-b', 'p-c'];
const at = '2026-12-07T06:00:00.000Z';

let counter = 0;
function nextFactId(): string {
  counter += 1;
  return `018f0000-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
}

type Actor = 'src' | 'dst' | 'mgr';
/** What an actor tries; quantities are fractions (per cent) of what its copy says is open. */
type Intent = {
  kind: 'dispatch' | 'receive' | 'resolve' | 'cancel';
  product: number;
  pct: number;
  pct2: number;
  pct3: number;
};

const intentArb: fc.Arbitrary<Intent> = fc.record({
  kind: fc.constantFrom('dispatch', 'receive', 'resolve', 'cancel'),
  product: fc.integer({ min: 0, max: 2 }),
  pct: fc.integer({ min: 1, max: 100 }),
  pct2: fc.integer({ min: 0, max: 100 }),
  pct3: fc.integer({ min: 0, max: 100 }),
});

const share = (qty: number, pct: number): number => Math.floor((qty * pct) / 100);

/** The fact an actor makes from an intent against its own copy, or null when it has nothing to do. */
function factFor(actor: Actor, view: TransferState, intent: Intent): TransferFact | null {
  const line = view.lines[intent.product % view.lines.length];
  if (line === undefined) return null;
  const base = { factId: nextFactId(), transferId: TRANSFER, actorId: `u-${actor}`, at };
  if (actor === 'src' && intent.kind !== 'cancel') {
    const open = line.approvedQtyBase - line.dispatchedQtyBase;
    const qty = Math.max(1, share(open, intent.pct));
    if (open <= 0) return null;
    return {
      ...base,
      type: 'dispatch',
      storeId: FROM,
      lines: [{ productId: line.productId, qtyBase: qty }],
    };
  }
  if (actor === 'dst') {
    const pending = linePendingArrival(line);
    if (pending <= 0) return null;
    const counted = Math.max(1, share(pending, intent.pct));
    const short = share(counted, intent.pct2);
    const damaged = share(counted - short, intent.pct3);
    return {
      ...base,
      type: 'receive',
      storeId: TO,
      lines: [
        {
          productId: line.productId,
          receivedQtyBase: counted - short - damaged,
          shortQtyBase: short,
          damagedQtyBase: damaged,
        },
      ],
      note: null,
    };
  }
  // Cancelling ends most of the story, so the manager does it rarely.
  if (intent.kind === 'cancel' && intent.pct <= 15) {
    return { ...base, type: 'cancel', reason: 'changed plans' };
  }
  const open = lineOpenDiscrepancy(line);
  if (open <= 0) return null;
  const resolving = Math.max(1, share(open, intent.pct));
  const found = share(resolving, intent.pct2);
  return {
    ...base,
    type: 'resolve',
    lines: [{ productId: line.productId, foundQtyBase: found, writeOffQtyBase: resolving - found }],
    reason: 'lost_in_transit',
    note: null,
  };
}

/** An actor's offline session: facts legal against its own evolving copy. */
function offline(actor: Actor, start: TransferState, intents: readonly Intent[]): TransferFact[] {
  const facts: TransferFact[] = [];
  let view = start;
  for (const intent of intents) {
    const fact = factFor(actor, view, intent);
    if (fact === null) continue;
    const r = applyTransferFact(view, fact);
    if ('error' in r) continue;
    view = r.state;
    facts.push(fact);
  }
  return facts;
}

/** Merges queues in the order `picks` gives, keeping each queue's own order. */
function interleave<T>(queues: readonly T[][], picks: readonly number[]): T[] {
  const rest = queues.map((q) => [...q]);
  const out: T[] = [];
  let i = 0;
  while (rest.some((q) => q.length > 0)) {
    const nonEmpty = rest.filter((q) => q.length > 0);
    const q = nonEmpty[(picks[i % Math.max(1, picks.length)] ?? 0) % nonEmpty.length];
    const item = q?.shift();
    if (item !== undefined) out.push(item);
    i += 1;
  }
  return out;
}

type Ledger = { state: TransferState; movements: TransferMovement[]; accepted: string[] };

/** The server: applies facts one by one, checking that a refusal changes nothing. */
function serve(start: Ledger, facts: readonly TransferFact[]): Ledger {
  let { state } = start;
  const movements = [...start.movements];
  const accepted = [...start.accepted];
  for (const fact of facts) {
    transferFactSchema.parse(fact);
    const before = JSON.parse(JSON.stringify(state)) as TransferState;
    const r = applyTransferFact(state, fact);
    if ('error' in r) {
      expect(ERROR_CODES).toContain(r.error.code);
      expect(state).toEqual(before);
      continue;
    }
    if (r.state !== state) accepted.push(fact.factId);
    state = r.state;
    movements.push(...r.movements);
    checkInvariants(state, movements);
  }
  return { state, movements, accepted };
}

function sum(
  movements: readonly TransferMovement[],
  pick: (m: TransferMovement) => boolean,
): number {
  return movements.filter(pick).reduce((s, m) => s + m.qtyDeltaBase, 0);
}

/** No stock created or lost: every unit that left the source is on the destination's shelf, written off or in transit. */
function checkInvariants(state: TransferState, movements: readonly TransferMovement[]): void {
  expect(new Set(movements.map((m) => m.id)).size).toBe(movements.length);
  expect(state.status).toBe(transferStatusOf(state));
  for (const line of state.lines) {
    const p = line.productId;
    const inTransit = lineInTransit(line);
    expect(inTransit).toBeGreaterThanOrEqual(0);
    expect(linePendingArrival(line)).toBeGreaterThanOrEqual(0);
    expect(lineOpenDiscrepancy(line)).toBeGreaterThanOrEqual(0);
    expect(line.dispatchedQtyBase).toBeLessThanOrEqual(line.approvedQtyBase);
    expect(line.approvedQtyBase).toBeLessThanOrEqual(line.requestedQtyBase);
    expect(sum(movements, (m) => m.productId === p && m.storeId === FROM)).toBe(
      0 - line.dispatchedQtyBase,
    );
    expect(sum(movements, (m) => m.productId === p && m.storeId === TO)).toBe(
      line.arrivedQtyBase + line.foundQtyBase,
    );
    expect(sum(movements, (m) => m.productId === p && m.kind === 'transit_write_off')).toBe(
      line.writtenOffQtyBase,
    );
    expect(sum(movements, (m) => m.productId === p)).toBe(0 - inTransit);
  }
  expect(
    movements.every((m) => (m.kind === 'transfer_out' ? m.qtyDeltaBase < 0 : m.qtyDeltaBase > 0)),
  ).toBe(true);
  // Shelf movements are valid stock movements of the existing kinds, ids included.
  for (const m of movements) {
    if (m.kind === 'transit_write_off') continue;
    expect(validateMovementDelta(m.kind, m.qtyDeltaBase)).toBeNull();
    expect(stockMovementSchema.shape.id.safeParse(m.id).success).toBe(true);
  }
  if (state.status === 'closed' || state.status === 'cancelled') {
    expect(sum(movements, () => true)).toBe(0);
  }
}

function start(quantities: readonly number[], cuts: readonly number[]): Ledger {
  const lines = quantities.map((qtyBase, i) => ({ productId: PRODUCTS[i] ?? 'p-x', qtyBase }));
  const request: TransferFact = {
    factId: nextFactId(),
    transferId: TRANSFER,
    actorId: 'u-req',
    at,
    type: 'request',
    fromStoreId: FROM,
    toStoreId: TO,
    lines,
  };
  const approve: TransferFact = {
    factId: nextFactId(),
    transferId: TRANSFER,
    actorId: 'u-mgr',
    at,
    type: 'approve',
    lines: lines.map((l, i) => ({
      productId: l.productId,
      qtyBase: Math.max(1, l.qtyBase - (cuts[i] ?? 0)),
    })),
  };
  const r1 = applyTransferFact(null, request);
  if ('error' in r1) throw new Error(r1.error.message);
  return serve({ state: r1.state, movements: [], accepted: [request.factId] }, [approve]);
}

/** Dispatches, counts and resolves everything left, as the stores eventually would. */
function drain(ledger: Ledger): Ledger {
  let l = ledger;
  for (const actor of ['src', 'dst', 'mgr'] as const) {
    const intents = l.state.lines.map((_, product) => ({
      kind: 'resolve' as const,
      product,
      pct: 100,
      pct2: 0,
      pct3: 0,
    }));
    l = serve(l, offline(actor, l.state, intents));
  }
  return l;
}

const worldArb = fc.record({
  quantities: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 3 }),
  cuts: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }),
  rounds: fc.array(
    fc.record({
      src: fc.array(intentArb, { maxLength: 4 }),
      dst: fc.array(intentArb, { maxLength: 4 }),
      mgr: fc.array(intentArb, { maxLength: 2 }),
      picks: fc.array(fc.nat(5), { minLength: 1, maxLength: 10 }),
      otherPicks: fc.array(fc.nat(5), { minLength: 1, maxLength: 10 }),
      replays: fc.array(fc.nat(), { maxLength: 3 }),
    }),
    { minLength: 2, maxLength: 6 },
  ),
});

// 300–500 generated histories each: several seconds of CPU, more on a shared 2-core CI machine
// than vitest's default 5 s per test.
const PROPERTY_TIMEOUT_MS = 60_000;

describe('transfer machine properties', () => {
  it(
    'never creates or loses stock, converges across interleavings, and closes at Σ movements = 0',
    () => {
      fc.assert(
        fc.property(worldArb, ({ quantities, cuts, rounds }) => {
          let ledger = start(quantities, cuts);
          const sent: TransferFact[] = [];
          for (const round of rounds) {
            const queues = [
              offline('src', ledger.state, round.src),
              offline('dst', ledger.state, round.dst),
              offline('mgr', ledger.state, round.mgr),
            ];
            // Replays: a terminal resends facts it already pushed (lost acknowledgements).
            const replays = round.replays.flatMap((n) =>
              sent.length === 0 ? [] : [sent[n % sent.length]!],
            );
            const order1 = interleave([...queues, replays], round.picks);
            const order2 = interleave([...queues, replays].reverse(), round.otherPicks);
            const one = serve(ledger, order1);
            const two = serve(ledger, order2);
            // Two terminals acting at once: when the server accepts the same facts in either order,
            // it ends with the same document and the same movements.
            if ([...one.accepted].sort().join() === [...two.accepted].sort().join()) {
              expect(two.state).toEqual(one.state);
              expect([...two.movements].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
                [...one.movements].sort((a, b) => a.id.localeCompare(b.id)),
              );
            }
            sent.push(...queues.flat());
            ledger = one;
          }
          const end = drain(drain(ledger));
          expect(['closed', 'cancelled']).toContain(end.state.status);
          expect(sum(end.movements, () => true)).toBe(0);
          // A closed transfer takes nothing more, and replaying its whole history changes nothing.
          const again = serve(end, sent);
          expect(again.state).toEqual(end.state);
          expect(again.movements).toHaveLength(end.movements.length);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses illegal steps with a shared code and leaves the document as it was',
    () => {
      // Quantities aim at the boundary: what is open for the step, give or take a few units.
      const stepArb = fc.record({
        type: fc.constantFrom('approve', 'dispatch', 'receive', 'resolve', 'cancel', 'request'),
        productId: fc.constantFrom(...PRODUCTS, 'p-unknown'),
        storeId: fc.constantFrom(FROM, TO, FROM, TO, 's-other'),
        delta: fc.integer({ min: -2, max: 2 }),
        split: fc.integer({ min: 0, max: 100 }),
      });
      fc.assert(
        fc.property(
          worldArb,
          fc.array(stepArb, { minLength: 1, maxLength: 12 }),
          ({ quantities, cuts, rounds }, steps) => {
            let ledger = start(quantities, cuts);
            const round = rounds[0]!;
            ledger = serve(
              ledger,
              interleave(
                [offline('src', ledger.state, round.src), offline('dst', ledger.state, round.dst)],
                round.picks,
              ),
            );
            for (const s of steps) {
              const base = { factId: nextFactId(), transferId: TRANSFER, actorId: 'u-x', at };
              const line = ledger.state.lines.find((l) => l.productId === s.productId);
              const openFor = (pick: (l: NonNullable<typeof line>) => number): number =>
                Math.max(1, (line === undefined ? 1 : pick(line)) + s.delta);
              const splitOf = (qty: number): [number, number] => {
                const first = Math.floor((qty * s.split) / 100);
                return [first, qty - first];
              };
              let fact: TransferFact;
              switch (s.type) {
                case 'approve':
                  fact = {
                    ...base,
                    type: 'approve',
                    lines: [
                      { productId: s.productId, qtyBase: openFor((l) => l.requestedQtyBase) },
                    ],
                  };
                  break;
                case 'dispatch':
                  fact = {
                    ...base,
                    type: 'dispatch',
                    storeId: s.storeId,
                    lines: [
                      {
                        productId: s.productId,
                        qtyBase: openFor((l) => l.approvedQtyBase - l.dispatchedQtyBase),
                      },
                    ],
                  };
                  break;
                case 'receive': {
                  const [received, short] = splitOf(openFor(linePendingArrival));
                  fact = {
                    ...base,
                    type: 'receive',
                    storeId: s.storeId,
                    lines: [
                      {
                        productId: s.productId,
                        receivedQtyBase: received,
                        shortQtyBase: short,
                        damagedQtyBase: 0,
                      },
                    ],
                    note: null,
                  };
                  break;
                }
                case 'resolve': {
                  const [found, writeOff] = splitOf(openFor(lineOpenDiscrepancy));
                  fact = {
                    ...base,
                    type: 'resolve',
                    lines: [
                      { productId: s.productId, foundQtyBase: found, writeOffQtyBase: writeOff },
                    ],
                    reason: 'other',
                    note: null,
                  };
                  break;
                }
                case 'cancel':
                  fact = { ...base, type: 'cancel', reason: 'x' };
                  break;
                case 'request':
                  fact = {
                    ...base,
                    type: 'request',
                    fromStoreId: FROM,
                    toStoreId: TO,
                    lines: [{ productId: s.productId, qtyBase: 5 }],
                  };
                  break;
              }
              ledger = serve(ledger, [fact]); // serve() checks a refusal leaves the document untouched
            }
          },
        ),
        { numRuns: 500 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
