import type { PokeEvent } from '@kiryana/shared';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../http/app-env';
import { streamHintEvents } from '../../http/hint-stream';
import { deviceRevoked, isDeviceActive } from '../devices/device.service';
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
  const retryMs = RETRY_BASE_MS + Math.floor(Math.random() * RETRY_JITTER_MS);
  return streamHintEvents(
    c,
    { clock: deps.clock, heartbeatMs: deps.heartbeatMs, retryMs },
    (sink) => {
      const endRevoked = () => {
        const data: z.infer<typeof revokedEventSchema> = {
          code: 'DEVICE_REVOKED',
          message: deviceRevoked().message,
        };
        // Once ended, the sink drops this: `revoked` goes out once, as the last event.
        sink.send('revoked', data);
        sink.end();
      };
      // For the moments no notification can cover: a revocation that committed between this
      // request's verification and the watch below, or while the hub's LISTEN was down.
      const recheck = () => {
        isDeviceActive(deps, device.deviceId).then(
          (active) => {
            if (!active) endRevoked();
          },
          () => undefined,
        );
      };
      const unwatch = deps.live.watchDevice?.(device.deviceId, endRevoked) ?? (() => undefined);
      const unsubscribe = deps.live.subscribe(
        device.storeId,
        (poke: PokeEvent) => {
          sink.send('poke', poke);
        },
        () => {
          sink.resync('hints-lost');
          recheck();
        },
      );
      recheck();
      return () => {
        unwatch();
        unsubscribe();
      };
    },
  );
}
