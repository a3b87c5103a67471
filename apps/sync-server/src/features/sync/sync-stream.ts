import type { PokeEvent } from '@kiryana/shared';
import type { Context } from 'hono';
import { type SSEMessage, streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../../app-env';
import { heartbeatUntilAborted } from '../../http/sse-heartbeat';
import { findDeviceAuth } from '../devices/device.queries';
import { deviceRevoked } from '../devices/device.service';
import type { revokedEventSchema } from './sync.schemas';
import type { z } from 'zod';

/** Reconnect delay suggested to EventSource-style clients; jittered so an outage's end is spread. */
const RETRY_BASE_MS = 2_000;
const RETRY_JITTER_MS = 8_000;

/**
 * `GET /v1/sync/stream`: Server-Sent Events carrying hints, never documents (docs/sync.md).
 * - `resync` first, and again whenever hints may have been lost (the server's LISTEN connection
 *   was re-established): the client answers with RxDB's `'RESYNC'`, i.e. pulls every collection;
 * - `poke` `{collection, seq}` after a commit in the device's store scope or in reference data;
 * - `heartbeat` every `heartbeatMs`, so proxies with idle timeouts keep the connection and the
 *   client can tell a silent stream from a dead one;
 * - `revoked` `{code: 'DEVICE_REVOKED', message}` as the last event when the device is revoked,
 *   through any server process: the stream then ends, and the client should not reconnect.
 */
export function streamHints(c: Context<AppEnv>, deps: AppDeps): Response {
  const device = c.var.device;
  return streamSSE(c, async (stream) => {
    let chain = Promise.resolve();
    // Set once the device is revoked: `revoked` is the last event the stream carries.
    const ended = new AbortController();
    // Writes go one after another; a failed write means the client is gone.
    const send = (message: SSEMessage) => {
      if (ended.signal.aborted) return;
      chain = chain
        .then(() => stream.writeSSE(message))
        .catch(() => {
          stream.abort();
        });
    };
    const now = () => new Date(deps.clock.now()).toISOString();
    const resync = (reason: 'connected' | 'hints-lost', retry?: number) => {
      send({
        event: 'resync',
        data: JSON.stringify({ reason, serverTime: now() }),
        ...(retry === undefined ? {} : { retry }),
      });
    };
    const endRevoked = () => {
      if (ended.signal.aborted) return;
      const data: z.infer<typeof revokedEventSchema> = {
        code: 'DEVICE_REVOKED',
        message: deviceRevoked().message,
      };
      send({ event: 'revoked', data: JSON.stringify(data) });
      ended.abort();
    };
    // For the moments no notification can cover: a revocation that committed between this
    // request's verification and the watch below, or while the hub's LISTEN was down.
    const recheck = () => {
      findDeviceAuth(deps.db, device.deviceId).then(
        (row) => {
          if (row?.status !== 'active') endRevoked();
        },
        () => undefined,
      );
    };
    const unwatch = deps.live.watchDevice?.(device.deviceId, endRevoked) ?? (() => undefined);
    const unsubscribe = deps.live.subscribe(
      device.storeId,
      (poke: PokeEvent) => {
        send({ event: 'poke', data: JSON.stringify(poke) });
      },
      () => {
        resync('hints-lost');
        recheck();
      },
    );
    const stop = () => {
      unwatch();
      unsubscribe();
    };
    stream.onAbort(stop);
    resync('connected', RETRY_BASE_MS + Math.floor(Math.random() * RETRY_JITTER_MS));
    recheck();
    await heartbeatUntilAborted(
      stream,
      deps.heartbeatMs,
      () => {
        send({ event: 'heartbeat', data: JSON.stringify({ serverTime: now() }) });
      },
      ended.signal,
    );
    stop();
    await chain;
  });
}
