import type { Clock, Store, UuidV7Generator } from '@kiryana/shared';
import { createContext, useContext } from 'react';
import type { BehaviorSubject } from 'rxjs';
import type { CounterPerson, PinGate } from '../features/pin/pin-gate';
import type { LiveCatalogue } from '../catalogue/live-catalogue';
import type { TerminalDatabase } from '../db/database';
import type { Stored } from '../db/schemas';
import type { Platform } from '../platform/platform';
import type { DeviceCredential, NetworkStatus } from '@kiryana/sync-client';
import type { SyncSession } from '../sync/sync-session';

/** Everything the screens use, created once at start-up and injected through React context. */
export type TerminalServices = {
  readonly platform: Platform;
  readonly db: TerminalDatabase;
  readonly clock: Clock;
  readonly newId: UuidV7Generator;
  readonly network: NetworkStatus;
  /** Cashier and manager PINs, checked offline against the verifiers the server issued. */
  readonly pinGate: PinGate;
  /** The cashier signed in at the counter; null shows the sign-in screen. */
  readonly cashier$: BehaviorSubject<CounterPerson | null>;
  /** True once the server revoked this device: the revoked screen replaces sign-in for good. */
  readonly revoked$: BehaviorSubject<boolean>;
  readonly credential: DeviceCredential;
  readonly catalogue: LiveCatalogue;
  readonly sync: SyncSession;
  readonly series: { readonly sale: string; readonly return: string };
  /** Serialises invoice numbering and fact writes. */
  readonly serially: <T>(task: () => Promise<T>) => Promise<T>;
  /** The bound store's document once pulled (GSTIN, address, time zone). */
  readonly store: () => Stored<Store> | undefined;
  /**
   * Leaves the store: refuses while documents wait for upload; otherwise forgets the credential,
   * removes the local database and returns to first run.
   */
  unbind: () => Promise<void>;
};

/** The context holding the services; set by the root once the terminal is bound. */
export const TerminalServicesContext = createContext<TerminalServices | null>(null);

/** The terminal services; only inside a bound terminal. */
export function useServices(): TerminalServices {
  const services = useContext(TerminalServicesContext);
  if (services === null) throw new Error('useServices outside a bound terminal');
  return services;
}
