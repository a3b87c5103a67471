import { randomUUID } from 'node:crypto';
import { type PurchaseOrderState, type TransferState, unitCostPerBase } from '@kiryana/shared';
import type { Fleet, FleetTerminal } from './fleet';
import {
  type ManagerDesk,
  type ManagerStep,
  SIM_MANAGER_ID,
  openManagerDesk,
} from './manager-desk';
import { type Random, pick, randomInt, seededRandom } from './random';
import type { StepOrder } from './step-taker';

/**
 * Transfers and purchase orders beside the billing (issue 15). A few of each per run, so the
 * fleet tests stay about as fast as before:
 * - a transfer between two stores of the fleet: the destination's terminal requests it, the
 *   manager approves (sometimes cutting a line), the source's terminals dispatch it in one or two
 *   parts, the destination's terminal counts it in with an occasional shortage or damage, and the
 *   manager resolves the discrepancy (damaged goods taken into stock, short ones written off).
 *   Every fourth transfer is left on the road after dispatch, so open transfers are judged too.
 * - a purchase order: the manager creates, approves and sends it; a terminal of its store receives
 *   it in one delivery or two, and the manager closes it short when less arrived than ordered.
 * Terminal steps go through the terminals' outboxes and replication with whatever faults the run
 * injects, sometimes from a terminal that just went offline. Before each step the mix waits until
 * the server holds what a real terminal would have pulled first (no receipt before the dispatch),
 * so every step is legal and nothing should ever be quarantined.
 */

/** How many workflows and how they misbehave. */
export type WorkflowMixOptions = {
  readonly transfers: number;
  readonly purchaseOrders: number;
  /** Chance that a terminal takes its step offline (it waits in the outbox for `offlineMs`). */
  readonly offlineChance: number;
  readonly offlineMs: readonly [number, number];
  /** Chance that a counted transfer line comes short (and, as often, damaged). */
  readonly shortChance: number;
  /** Starts are spread over this long (the expected billing time). */
  readonly spreadMs: number;
  readonly seed: number;
  /** How long the server may take to show a terminal's step (default 120 s). */
  readonly stepTimeoutMs?: number;
};

/** What the mix did. */
export type WorkflowTally = {
  readonly transfers: readonly string[];
  readonly purchaseOrders: readonly string[];
  readonly managerSteps: readonly ManagerStep[];
  /** Transfers deliberately left in transit. */
  readonly leftInTransit: readonly string[];
  /** Workflows that could not be finished, with why. */
  readonly failures: readonly string[];
};

/** A fleet's default mix: a few of each. */
export const DEFAULT_WORKFLOW_MIX: Omit<WorkflowMixOptions, 'spreadMs' | 'seed'> = {
  transfers: 3,
  purchaseOrders: 3,
  offlineChance: 0.3,
  offlineMs: [500, 3_000],
  shortChance: 0.3,
};

type Ctx = {
  readonly fleet: Fleet;
  readonly desk: ManagerDesk;
  readonly random: Random;
  readonly products: readonly string[];
  readonly supplierId: string;
  readonly options: WorkflowMixOptions;
  readonly log: (line: string) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storesOf(fleet: Fleet): Map<string, FleetTerminal[]> {
  const stores = new Map<string, FleetTerminal[]>();
  for (const t of fleet.terminals) {
    const list = stores.get(t.credential.storeId) ?? [];
    list.push(t);
    stores.set(t.credential.storeId, list);
  }
  return stores;
}

function distinctProducts(random: Random, products: readonly string[], n: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < Math.min(n, products.length)) chosen.add(pick(random, products));
  return [...chosen];
}

/** The server's document body, once `ready` holds for it. */
async function waitForDocument<T>(
  ctx: Ctx,
  kind: 'transfer' | 'purchase-order',
  id: string,
  ready: (body: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + (ctx.options.stepTimeoutMs ?? 120_000);
  for (;;) {
    try {
      const { rows } = await ctx.fleet.database.db.query<{ doc: { body: T } }>(
        'SELECT doc FROM workflow_documents WHERE id = $1 AND kind = $2 LIMIT 1',
        [id, kind],
      );
      const body = rows[0]?.doc.body;
      if (body !== undefined && ready(body)) return body;
    } catch {
      // The database may be restarting (chaos); ask again.
    }
    if (Date.now() > deadline) throw new Error(`${kind} ${id}: ${what} never reached the server`);
    await sleep(250);
  }
}

async function terminalStep(ctx: Ctx, terminal: FleetTerminal, order: StepOrder): Promise<string> {
  const { offlineChance, offlineMs } = ctx.options;
  const offline =
    ctx.random() < offlineChance ? randomInt(ctx.random, offlineMs[0], offlineMs[1]) : 0;
  const step = await terminal.process.step(order, offline);
  return step.id;
}

/** Terminals of a store pull now (the manager's steps are not pushes, so no push hint follows). */
async function resync(ctx: Ctx, ...storeIds: string[]): Promise<void> {
  await Promise.all(
    ctx.fleet.terminals
      .filter((t) => storeIds.includes(t.credential.storeId))
      .map((t) => t.process.resync()),
  );
}

const now = () => new Date().toISOString();

async function oneTransfer(
  ctx: Ctx,
  stores: Map<string, FleetTerminal[]>,
  index: number,
): Promise<{ transferId: string; leftInTransit: boolean }> {
  const { random, desk } = ctx;
  const storeIds = [...stores.keys()];
  const fromStoreId = storeIds[index % storeIds.length] ?? '';
  const toStoreId = storeIds[(index + 1) % storeIds.length] ?? '';
  const from = stores.get(fromStoreId) ?? [];
  const to = stores.get(toStoreId) ?? [];
  const transferId = randomUUID();
  const lines = distinctProducts(random, ctx.products, randomInt(random, 1, 3)).map(
    (productId) => ({
      productId,
      qtyBase: randomInt(random, 4, 24),
    }),
  );
  await terminalStep(ctx, pick(random, to), {
    type: 'request',
    transferId,
    fromStoreId,
    lines,
  });
  await waitForDocument<TransferState>(ctx, 'transfer', transferId, () => true, 'the request');

  const first = lines[0];
  const cut =
    first && random() < 0.3 ? [{ productId: first.productId, qtyBase: first.qtyBase - 2 }] : null;
  const approveId = randomUUID();
  const approved = await desk.transfer({
    type: 'approve',
    factId: approveId,
    transferId,
    actorId: SIM_MANAGER_ID,
    at: now(),
    lines: cut,
  });
  await resync(ctx, fromStoreId, toStoreId);

  // One dispatch, or two parts from the source's terminals (which may be two different ones).
  const toSend = approved.lines.filter((l) => l.approvedQtyBase > 0);
  const parts =
    random() < 0.5
      ? [toSend.map((l) => ({ productId: l.productId, qtyBase: l.approvedQtyBase }))]
      : [
          toSend.map((l) => ({
            productId: l.productId,
            qtyBase: Math.ceil(l.approvedQtyBase / 2),
          })),
          toSend
            .map((l) => ({
              productId: l.productId,
              qtyBase: l.approvedQtyBase - Math.ceil(l.approvedQtyBase / 2),
            }))
            .filter((l) => l.qtyBase > 0),
        ];
  const dispatchIds: string[] = [];
  for (const part of parts) {
    dispatchIds.push(
      await terminalStep(ctx, pick(random, from), {
        type: 'dispatch',
        transferId,
        lines: part,
        seen: [approveId],
      }),
    );
  }
  const sent = await waitForDocument<TransferState>(
    ctx,
    'transfer',
    transferId,
    (t) => dispatchIds.every((id) => t.appliedFactIds.includes(id)),
    'the dispatch',
  );
  if (index % 4 === 3) return { transferId, leftInTransit: true };

  const counted = sent.lines
    .filter((l) => l.dispatchedQtyBase > 0)
    .map((l) => {
      const short =
        random() < ctx.options.shortChance
          ? randomInt(random, 1, Math.min(3, l.dispatchedQtyBase))
          : 0;
      const damaged =
        l.dispatchedQtyBase - short > 1 && random() < ctx.options.shortChance / 2 ? 1 : 0;
      return {
        productId: l.productId,
        receivedQtyBase: l.dispatchedQtyBase - short - damaged,
        shortQtyBase: short,
        damagedQtyBase: damaged,
      };
    });
  const receiveId = await terminalStep(ctx, pick(random, to), {
    type: 'receive',
    transferId,
    lines: counted,
    seen: dispatchIds,
  });
  const received = await waitForDocument<TransferState>(
    ctx,
    'transfer',
    transferId,
    (t) => t.appliedFactIds.includes(receiveId),
    'the receipt',
  );
  const open = received.lines.filter((l) => l.shortQtyBase + l.damagedQtyBase > 0);
  if (open.length > 0) {
    await desk.transfer({
      type: 'resolve',
      factId: randomUUID(),
      transferId,
      actorId: SIM_MANAGER_ID,
      at: now(),
      lines: open.map((l) => ({
        productId: l.productId,
        foundQtyBase: l.damagedQtyBase,
        writeOffQtyBase: l.shortQtyBase,
      })),
      reason: 'lost_in_transit',
      note: 'fleet simulator',
    });
    await resync(ctx, fromStoreId, toStoreId);
  }
  return { transferId, leftInTransit: false };
}

async function onePurchaseOrder(
  ctx: Ctx,
  stores: Map<string, FleetTerminal[]>,
  index: number,
): Promise<string> {
  const { random, desk } = ctx;
  const storeIds = [...stores.keys()];
  const storeId = storeIds[index % storeIds.length] ?? '';
  const terminals = stores.get(storeId) ?? [];
  const poId = randomUUID();
  const base = () => ({ factId: randomUUID(), poId, actorId: SIM_MANAGER_ID, at: now() });
  const lines = distinctProducts(random, ctx.products, randomInt(random, 1, 3)).map(
    (productId) => ({
      productId,
      orderUnitName: 'case',
      baseUnitsPerOrderUnit: pick(random, [6, 12, 24]),
      orderedQtyOrderUnits: randomInt(random, 1, 3),
      costMinorPerOrderUnit: randomInt(random, 2_000, 30_000),
    }),
  );
  await desk.purchaseOrder({
    ...base(),
    type: 'create',
    storeId,
    supplierId: ctx.supplierId,
    lines,
  });
  await desk.purchaseOrder({ ...base(), type: 'approve' });
  const send = { ...base(), type: 'send' as const };
  const sent = await desk.purchaseOrder(send);
  await resync(ctx, storeId);

  // One delivery of everything, or two: about half first, then the rest or a little less.
  const twoDeliveries = random() < 0.6;
  const short = twoDeliveries && random() < 0.5;
  const cost = new Map(
    sent.lines.map((l) => [
      l.productId,
      unitCostPerBase(l.costMinorPerOrderUnit, l.baseUnitsPerOrderUnit),
    ]),
  );
  const firstQty = (qty: number) => (twoDeliveries ? Math.ceil(qty / 2) : qty);
  const deliveries = [
    sent.lines.map((l) => ({
      productId: l.productId,
      receivedQtyBase: firstQty(l.orderedQtyBase),
    })),
    ...(twoDeliveries
      ? [
          sent.lines.map((l) => ({
            productId: l.productId,
            receivedQtyBase: l.orderedQtyBase - firstQty(l.orderedQtyBase) - (short ? 1 : 0),
          })),
        ]
      : []),
  ];
  const receiptIds: string[] = [];
  for (const [n, delivery] of deliveries.entries()) {
    const lines = delivery
      .filter((l) => l.receivedQtyBase > 0)
      .map((l) => ({ ...l, unitCostMinor: cost.get(l.productId) ?? 0 }));
    if (lines.length === 0) continue;
    receiptIds.push(
      await terminalStep(ctx, pick(random, terminals), {
        type: 'po-receive',
        poId,
        seen: [send.factId],
        supplierInvoiceNo: `SIM/${poId.slice(0, 8)}/${String(n + 1)}`,
        lines,
      }),
    );
  }
  const arrived = await waitForDocument<PurchaseOrderState>(
    ctx,
    'purchase-order',
    poId,
    (po) => receiptIds.every((id) => po.appliedFactIds.includes(id)),
    'the goods receipts',
  );
  if (arrived.status === 'partly_received') {
    await desk.purchaseOrder({ ...base(), type: 'close_short', reason: 'the rest is not coming' });
    await resync(ctx, storeId);
  }
  return poId;
}

/**
 * Each workflow draws from its own seeded generator: they run at once, and sharing one would make
 * a run's choices depend on timing.
 */
function withRandom(ctx: Ctx, n: number): Ctx {
  return { ...ctx, random: seededRandom((ctx.options.seed ^ 0x7a5f) + 7919 * (n + 1)) };
}

/** The products the mix moves: a slice of the run's catalogue. */
async function mixProducts(fleet: Fleet): Promise<string[]> {
  const { rows } = await fleet.database.db.query<{ id: string }>(
    'SELECT id FROM products ORDER BY id LIMIT 30',
  );
  return rows.map((r) => r.id);
}

/**
 * The supplier of the mix's orders: the seed's first supplier, or one the mix registers for the
 * fleet's stores (the seed may have none).
 */
async function mixSupplier(fleet: Fleet, storeIds: readonly string[]): Promise<string> {
  const db = fleet.database.db;
  const { rows } = await db.query<{ id: string }>('SELECT id FROM suppliers ORDER BY id LIMIT 1');
  const supplierId = rows[0]?.id ?? 'sim-supplier';
  if (!rows[0]) {
    await db.query(
      `INSERT INTO suppliers (id, name, gstin, state_code, payment_terms_days, lead_time_days)
       VALUES ($1, 'Sim Traders', NULL, '29', 30, 2) ON CONFLICT DO NOTHING`,
      [supplierId],
    );
  }
  await db.query(
    `INSERT INTO supplier_stores (supplier_id, store_id)
     SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [supplierId, storeIds],
  );
  return supplierId;
}

/**
 * Runs the mix on a fleet whose terminals are billing; resolves when every workflow is done (or
 * failed, which the tally says and the verdict counts).
 */
export async function runWorkflowMix(
  fleet: Fleet,
  options: WorkflowMixOptions,
  log: (line: string) => void,
): Promise<WorkflowTally> {
  const stores = storesOf(fleet);
  const failures: string[] = [];
  const transfers: string[] = [];
  const leftInTransit: string[] = [];
  const purchaseOrders: string[] = [];
  const desk = openManagerDesk(fleet.database.db);
  const ctx: Ctx = {
    fleet,
    desk,
    random: seededRandom(options.seed),
    products: await mixProducts(fleet),
    supplierId: await mixSupplier(fleet, [...stores.keys()]),
    options,
    log,
  };
  // A fleet of one store has no one to transfer to: it only receives purchase orders.
  const transferCount = stores.size < 2 ? 0 : options.transfers;
  if (transferCount < options.transfers) log('workflows: one store only, so no transfers');
  const total = transferCount + options.purchaseOrders;
  const gap = total > 0 ? options.spreadMs / total : 0;
  const runs: Promise<void>[] = [];
  let slot = 0;
  const later = async (work: () => Promise<void>, what: string) => {
    await sleep(gap * slot++);
    try {
      await work();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (let i = 0; i < transferCount; i++) {
    runs.push(
      later(
        async () => {
          const done = await oneTransfer(withRandom(ctx, 2 * i), stores, i);
          transfers.push(done.transferId);
          if (done.leftInTransit) leftInTransit.push(done.transferId);
        },
        `transfer ${String(i + 1)}`,
      ),
    );
  }
  for (let i = 0; i < options.purchaseOrders; i++) {
    runs.push(
      later(
        async () => {
          purchaseOrders.push(await onePurchaseOrder(withRandom(ctx, 2 * i + 1), stores, i));
        },
        `purchase order ${String(i + 1)}`,
      ),
    );
  }
  await Promise.all(runs);
  log(
    `workflows: ${String(transfers.length)} transfers (${String(leftInTransit.length)} left in transit), ` +
      `${String(purchaseOrders.length)} purchase orders, ${String(desk.steps.length)} manager steps, ` +
      `${String(failures.length)} failed`,
  );
  return { transfers, purchaseOrders, managerSteps: desk.steps, leftInTransit, failures };
}
