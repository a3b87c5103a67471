import { createHash } from 'node:crypto';
import { getRxStorageSQLite } from '@kiryana/rxdb-sqlite';
import { type FailoverConfig, createUuidV7Generator } from '@kiryana/shared';
import {
  type DeviceCredential,
  type NetworkStatus,
  createAccessTokens,
  createManualNetworkStatus,
  createSyncApi,
} from '@kiryana/sync-client';
import {
  type LiveCatalogue,
  type SyncSession,
  type SyncStatus,
  type TerminalDatabase,
  openLiveCatalogue,
  openTerminalDatabase,
  reconcileOutbox,
  startSyncSession,
} from '@kiryana/terminal/headless';
import { firstValueFrom, filter, timeout } from 'rxjs';
import { type MadeFact, openCounter } from './counter';
import { type WireLog, createWireLog, observedFetch } from './observed-fetch';
import { type Random, jitteredGapMs, randomInt, seededRandom } from './random';
import { type SimClock, createSimClock } from './sim-clock';
import { type RepushTally, repushSynced, repushSyncedSteps } from './repush';
import { type MadeStep, type StepOrder, takeStep } from './step-taker';

/**
 * One simulated terminal: the terminal's own database (RxDB on the SQLite storage, in a file),
 * its own sync session (replication, hint stream, outbox, access tokens) and its own billing code,
 * driven by a script instead of a cashier. It records what it made and what the server
 * acknowledged, so a run checks itself.
 */

/** What a terminal does in a run. */
export type TerminalPlan = {
  readonly name: string;
  readonly credential: DeviceCredential;
  /** Folder of its SQLite file. */
  readonly dataDir: string;
  readonly bills: number;
  /** Mean bills per second, jittered. */
  readonly billsPerSecond: number;
  readonly seed: number;
  /** Chance after each bill of an offline spell (the OS reports no network). */
  readonly offlineChance: number;
  readonly offlineMs: readonly [number, number];
  /** Its clock starts this many days behind and reaches real time at the last bill. */
  readonly simulatedDays: number;
  /** Bill the whole run offline; reconnect only on `drain`. */
  readonly billOffline: boolean;
  /** Every n-th bill, push up to 10 already-synced sales again (0: never). */
  readonly repushEvery: number;
  /** Every n-th bill, receive goods (stock movements) as well (0: never). */
  readonly receiptEvery: number;
  /** Fail-over timings between regional endpoints (the region drill shortens them). */
  readonly failover?: Partial<FailoverConfig>;
};

/** What happened in the terminal, for the fleet's checks. */
export type TerminalReport = {
  readonly name: string;
  readonly deviceId: string;
  readonly storeId: string;
  readonly made: readonly MadeFact[];
  /** Transfer and PO steps it recorded (the fleet's workflow mix). */
  readonly steps: readonly MadeStep[];
  readonly wire: Omit<WireLog, 'acknowledged'> & { acknowledged: number };
  /** Made facts no push answer acknowledged (they may have come back in a pull instead). */
  readonly neverAcknowledged: number;
  readonly outbox: number;
  readonly localSales: number;
  readonly repush: RepushTally;
  readonly offlineSpells: number;
  readonly billingMs: number;
  readonly lastStatus: SyncStatus | undefined;
};

const DAY_MS = 86_400_000;
const READY_COLLECTIONS = ['stores', 'tax-rates', 'products', 'prices'] as const;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A running simulated terminal. */
export type SimTerminal = {
  readonly db: TerminalDatabase;
  readonly network: NetworkStatus;
  readonly clock: SimClock;
  readonly wire: WireLog;
  /** Bills the whole plan (offline spells included) and returns when the last bill is stored. */
  bill(): Promise<void>;
  /** Ends billing after the bill in hand (a drill that bills until its timeline is done). */
  stopBilling(): void;
  /**
   * Records a transfer or PO step; with `offlineMs` > 0 the terminal goes offline first and stays
   * so that long (the step waits in the outbox), unless it was told to stay offline anyway.
   */
  takeStep(order: StepOrder, offlineMs: number): Promise<MadeStep>;
  /** Facts waiting for the server. */
  outboxCount(): Promise<number>;
  /** Goes online and waits until the outbox is empty; resolves with the time it took. */
  drain(timeoutMs: number): Promise<number>;
  /** Asks every collection to pull now (as a `resync` hint would). */
  resyncAll(): void;
  report(): Promise<TerminalReport>;
  close(): Promise<void>;
};

/** Opens the terminal's database, starts its sync session and waits for the catalogue. */
export async function openSimTerminal(
  plan: TerminalPlan,
  readyTimeoutMs = 60_000,
): Promise<SimTerminal> {
  const random: Random = seededRandom(plan.seed);
  const clock = createSimClock(plan.simulatedDays * DAY_MS);
  const network = createManualNetworkStatus(true);
  const wire = createWireLog();
  const fetchFn = observedFetch(wire);
  const db = await openTerminalDatabase({
    // Encrypted like a real terminal's; the key is derived from the device id (a real one is
    // random and sealed) so that a restarted simulated terminal opens its own file again.
    storage: getRxStorageSQLite({
      databaseDir: plan.dataDir,
      encryptionKey: createHash('sha256').update(`sim:${plan.credential.deviceId}`).digest(),
    }),
    name: `terminal-${plan.credential.deviceId}`,
  });
  await reconcileOutbox(db);
  const catalogue: LiveCatalogue = await openLiveCatalogue(db);
  const session: SyncSession = await startSyncSession({
    db,
    credential: plan.credential,
    fetch: fetchFn,
    clock,
    network,
    ...(plan.failover ? { failover: plan.failover } : {}),
  });
  let lastStatus: SyncStatus | undefined;
  const statusSubscription = session.status$.subscribe((status) => {
    lastStatus = status;
  });
  await firstValueFrom(
    session.status$.pipe(
      filter((status) => READY_COLLECTIONS.every((c) => status.initialPullDone.includes(c))),
      timeout(readyTimeoutMs),
    ),
  );
  const counter = await openCounter({ db, catalogue, credential: plan.credential, clock, random });
  const api = createSyncApi(
    fetchFn,
    plan.credential.serverUrl,
    createAccessTokens(fetchFn, plan.credential, clock),
  );
  const made: MadeFact[] = [];
  const steps: MadeStep[] = [];
  const newStepId = createUuidV7Generator({
    clock,
    random: (bytes) => {
      crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
    },
  });
  const repush: RepushTally = { batches: 0, rows: 0, conflicts: 0, failures: 0, lastFailure: null };
  let offlineSpells = 0;
  let billingMs = 0;
  let wantedOnline = !plan.billOffline;
  let billingStopped = false;

  // Waits until this terminal's copy of a document shows the given steps, asking for pulls now
  // and then: a manager's step comes with no push hint, and a pull may fail in an offline spell.
  const untilPulled = async (docId: string, seen: readonly string[]): Promise<void> => {
    const deadline = Date.now() + 90_000;
    let asked = 0;
    for (;;) {
      const doc = await db.documents.findOne(docId).exec();
      const applied = (doc?.toJSON().body.appliedFactIds ?? []) as readonly string[];
      if (seen.every((id) => applied.includes(id))) return;
      if (Date.now() > deadline) {
        throw new Error(`${plan.name}: document ${docId} never showed steps ${seen.join(', ')}`);
      }
      if (Date.now() - asked > 2_000) {
        session.resyncAll();
        asked = Date.now();
      }
      await sleep(100);
    }
  };

  const offlineSpell = (): void => {
    offlineSpells += 1;
    network.setOnline(false);
    setTimeout(
      () => {
        if (wantedOnline) network.setOnline(true);
      },
      randomInt(random, plan.offlineMs[0], plan.offlineMs[1]),
    );
  };

  return {
    db,
    network,
    clock,
    wire,
    async bill() {
      const started = performance.now();
      if (plan.billOffline) network.setOnline(false);
      for (let i = 1; i <= plan.bills && !billingStopped; i++) {
        clock.setOffsetMs(Math.round(plan.simulatedDays * DAY_MS * (1 - i / plan.bills)));
        made.push(await counter.sellBill());
        if (plan.receiptEvery > 0 && i % plan.receiptEvery === 0)
          made.push(...(await counter.receiveGoods()));
        if (plan.repushEvery > 0 && i % plan.repushEvery === 0 && network.isOnline()) {
          await repushSynced({ db, api, random }, repush);
          await repushSyncedSteps(
            { db, api, random, ownStepIds: steps.map((step) => step.id) },
            repush,
          );
        }
        if (!plan.billOffline && network.isOnline() && random() < plan.offlineChance)
          offlineSpell();
        if (plan.billsPerSecond > 0) await sleep(jitteredGapMs(random, plan.billsPerSecond));
      }
      billingMs = performance.now() - started;
    },
    stopBilling: () => {
      billingStopped = true;
    },
    async takeStep(order, offlineMs) {
      if (order.type !== 'request') {
        await untilPulled(order.type === 'po-receive' ? order.poId : order.transferId, order.seen);
      }
      if (offlineMs > 0 && network.isOnline()) {
        offlineSpells += 1;
        network.setOnline(false);
        setTimeout(() => {
          if (wantedOnline) network.setOnline(true);
        }, offlineMs);
      }
      const step = await takeStep(
        {
          db,
          storeId: plan.credential.storeId,
          actorId: `sim-staff-${plan.credential.deviceId}`.slice(0, 64),
          now: () => clock.now(),
          newId: newStepId,
        },
        order,
      );
      steps.push(step);
      return step;
    },
    outboxCount: () => db.outbox.count().exec(),
    async drain(timeoutMs) {
      const started = performance.now();
      wantedOnline = true;
      network.setOnline(true);
      const deadline = Date.now() + timeoutMs;
      while ((await db.outbox.count().exec()) > 0) {
        if (Date.now() > deadline) {
          throw new Error(`${plan.name}: outbox not empty after ${String(timeoutMs)} ms`);
        }
        await sleep(100);
      }
      return performance.now() - started;
    },
    resyncAll: () => {
      session.resyncAll();
    },
    async report() {
      const acknowledged = wire.acknowledged;
      return {
        name: plan.name,
        deviceId: plan.credential.deviceId,
        storeId: plan.credential.storeId,
        made,
        steps,
        wire: { ...wire, acknowledged: acknowledged.size },
        neverAcknowledged: made.filter((fact) => !acknowledged.has(fact.id)).length,
        outbox: await db.outbox.count().exec(),
        localSales: await db.sales.count().exec(),
        repush,
        offlineSpells,
        billingMs,
        lastStatus,
      };
    },
    async close() {
      statusSubscription.unsubscribe();
      await session.stop();
      catalogue.stop();
      await db.close();
    },
  };
}
