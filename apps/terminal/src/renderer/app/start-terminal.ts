import { createUuidV7Generator, type Clock, type Store } from '@kiryana/shared';
import {
  createAccessTokens,
  type DeviceCredential,
  type NetworkStatus,
} from '@kiryana/sync-client';
import { BehaviorSubject, distinctUntilChanged, filter, map, take } from 'rxjs';
import { startLiveCatalogue } from '../catalogue/live-catalogue';
import type { TerminalDatabase } from '../db/database';
import { reconcileOutbox } from '../db/facts';
import { scheduleLocalRetention } from '../db/local-retention-schedule';
import { createSerialQueue } from '../db/invoice-series';
import type { Stored } from '../db/schemas';
import { createPinGate, type CounterPerson } from '../features/pin/pin-gate';
import { rxdbPinStorage } from '../features/pin/pin-storage';
import { startPinSync } from '../features/pin/pin-sync-loop';
import type { Platform } from '../platform/platform';
import { readSettings } from '../settings/settings';
import { invoiceSeriesOf } from '../sync/device-credential';
import { createPinKeySource } from '../sync/pin-key';
import { startSyncSession } from '../sync/sync-session';
import type { TerminalServices } from '../services/terminal-services';

/**
 * Brings a bound terminal up: drops outbox orphans of a crash, starts loading the catalogue into
 * memory in the background,
 * opens the cashier PIN gate (with the PIN key of the credential) and starts sync and PIN sync in the
 * background. The cashier can bill as soon as this returns, whatever the network.
 */
export async function startTerminal(options: {
  platform: Platform;
  db: TerminalDatabase;
  credential: DeviceCredential;
  clock: Clock;
  network: NetworkStatus;
  fetch: typeof fetch;
  onUnbind: () => void;
}): Promise<TerminalServices> {
  const { db, credential, clock } = options;
  await reconcileOutbox(db);
  // Not awaited: the sign-in screen and the first scan must not wait for the whole catalogue.
  const catalogue = startLiveCatalogue(db);
  const sync = await startSyncSession({
    db,
    credential,
    fetch: options.fetch,
    clock,
    network: options.network,
  });
  const newId = createUuidV7Generator({
    clock,
    random: (bytes) => {
      crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
    },
  });
  const pinKeys = createPinKeySource({
    credential,
    fetchFn: options.fetch,
    save: (updated) => options.platform.credential.save(JSON.stringify(updated)),
  });
  const pinGate = createPinGate({
    storage: rxdbPinStorage(db),
    pinKey: () => pinKeys.get(),
    clock,
    newId: () => newId(),
  });
  // Only in memory: a reload or restart asks for the PIN again.
  const cashier$ = new BehaviorSubject<CounterPerson | null>(null);
  const pinSync = startPinSync({
    gate: pinGate,
    fetchFn: options.fetch,
    serverUrl: credential.serverUrl,
    tokens: createAccessTokens(options.fetch, credential, clock),
    ensurePinKey: () => pinKeys.get(),
    cycles$: sync.status$.pipe(
      map((status) => status.lastSyncAt),
      distinctUntilChanged(),
    ),
    now: () => clock.now(),
    onSynced: () => {
      // A cashier no longer at this store is signed out at the next contact (a revoked device
      // earlier, when its stream says so: below).
      const signedIn = cashier$.value;
      if (signedIn === null) return;
      void pinGate.people().then((people) => {
        if (!people.some((p) => p.userId === signedIn.userId)) cashier$.next(null);
      });
    },
  });
  // Revoked: the event stream says so at once (the status bar's DEVICE_REVOKED). Nobody may stay
  // signed in or sign in again on a revoked till, so the PIN material goes now rather than at the
  // next PIN contact, which a revoked device never completes, and the cashier is signed out to the
  // revoked screen. Bills and the PIN event queue stay for the manager who enrols it again.
  const revoked$ = new BehaviorSubject(false);
  sync.status$
    .pipe(
      filter((status) => status.lastErrorCode === 'DEVICE_REVOKED'),
      // take, not first: a session stopped before any revocation completes quietly.
      take(1),
    )
    .subscribe(() => {
      pinSync.stop();
      revoked$.next(true);
      cashier$.next(null);
      void Promise.all([pinGate.revoke(), pinKeys.forget()]);
    });
  let store: Stored<Store> | undefined;
  db.stores.findOne(credential.storeId).$.subscribe((doc) => {
    store = doc === null ? undefined : doc.toJSON();
  });
  // Local history retention (db/local-retention.ts): first when a cashier has signed in, in idle
  // time, then daily; the window is the terminal setting `historyRetentionDays`.
  const retention = scheduleLocalRetention({
    db,
    clock,
    retentionDays: async () => (await readSettings(db)).historyRetentionDays,
    timeZone: () => store?.timezone,
  });
  cashier$
    .pipe(
      filter((person) => person !== null),
      take(1),
    )
    .subscribe(() => {
      retention.start();
    });
  return {
    platform: options.platform,
    db,
    clock,
    newId,
    pinGate,
    cashier$,
    revoked$,
    network: options.network,
    credential,
    catalogue,
    sync,
    series: invoiceSeriesOf(credential),
    serially: createSerialQueue(),
    store: () => store,
    unbind: async () => {
      // SYNC.md: a terminal leaves its store only with an empty push queue, then starts clean.
      if ((await db.outbox.count().exec()) > 0)
        throw new Error('Documents are still waiting for upload.');
      pinSync.stop();
      retention.stop();
      await sync.stop();
      catalogue.stop();
      await options.platform.credential.clear();
      await db.remove();
      options.onUnbind();
    },
  };
}
