import type { Clock, PokeEvent, SyncCollection } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { DevicePrincipal, DeviceTokenVerifier } from '../auth/principal';
import type { Db } from '../db/db';

/** Fans stream hints out to every server process on the database (LISTEN/NOTIFY). */
export type LiveHub = {
  /** Announces, after commit, that `collection` of a scope (`ref` or `store:<id>`) advanced to `seq`. */
  publish(scope: string, collection: SyncCollection, seq: string): Promise<void>;
  /**
   * Calls `onPoke` for hints of the device's store scope and of the `ref` scope; `onResync` when
   * hints may have been lost (the listening connection was re-established).
   */
  subscribe(storeId: string, onPoke: (poke: PokeEvent) => void, onResync: () => void): () => void;
  /**
   * Calls `onRevoked` when the device is revoked, through any process or writer (a trigger
   * announces it). A revocation during a lost listening connection is not heard: subscribers
   * check the device again on `onResync`. Optional: hubs of tests without streams leave it out.
   */
  watchDevice?(deviceId: string, onRevoked: () => void): () => void;
  /**
   * Announces an admin hint (a stock level moved, a notification was raised) to the admin streams
   * of every process. Optional, like `watchDevice`: hubs of tests without admin streams leave it out.
   */
  publishAdmin?(hint: AdminHint): Promise<void>;
  /** Calls `onHint` for admin hints of `storeIds`; `onResync` when hints may have been lost. */
  subscribeAdmin?(
    storeIds: readonly string[],
    onHint: (hint: AdminHint) => void,
    onResync: () => void,
  ): () => void;
  close(): Promise<void>;
};

/**
 * A hint for the admin web's live streams: a product's level in a store (the figure when the
 * hint was sent; the stock screen shows it without a refetch), or a new notification to fetch.
 */
export type AdminHint =
  | {
      readonly kind: 'stock';
      readonly storeId: string;
      readonly productId: string;
      readonly level: number;
    }
  | { readonly kind: 'notification'; readonly storeId: string; readonly id: string };

/** Everything `createApp` needs; tests build it around a real database. */
export type AppDeps = {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly live: LiveHub;
  readonly verifyDeviceToken: DeviceTokenVerifier;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Heartbeat interval of the event stream, in milliseconds (15–25 s in production). */
  readonly heartbeatMs: number;
  /** Rows per query of a snapshot stream (5,000 by default; tests make it small to interleave). */
  readonly snapshotPageRows?: number;
};

/** Hono variables set by the middleware for every request. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    /** Set by the device-auth middleware on `/v1/sync/*`. */
    device: DevicePrincipal;
  };
};
