import { readSse } from '@kiryana/sync-client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../auth/auth-context';
import { type StockHint, applyStockHint } from './live-stock-cache';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Keeps stock figures and notifications live on every screen: listens to the admin stream's
 * `stock` hints (the level goes straight into the cached stock pages) and `notification` hints
 * (the bell refetches), and refetches both after a (re)connect, when hints may have been missed.
 * Reconnects with jittered backoff, so a server restart does not bring every browser back at once.
 * `enabled` is false for a reader without the stream's permissions.
 */
export function useLiveStock(enabled: boolean): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const stopped = () => controller.signal.aborted;
    const refetchAll = () => {
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      void queryClient.invalidateQueries({ queryKey: ['stock'] });
    };
    const connect = async () => {
      let attempt = 0;
      while (!stopped()) {
        try {
          const response = await api.stream('/v1/admin/dashboard/stream', controller.signal);
          const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
          if (!reader) throw new Error('no stream body');
          attempt = 0;
          for await (const event of readSse(reader)) {
            if (event.event === 'stock')
              applyStockHint(queryClient, JSON.parse(event.data) as StockHint);
            else if (event.event === 'notification')
              void queryClient.invalidateQueries({ queryKey: ['notifications'] });
            else if (event.event === 'resync') refetchAll();
          }
        } catch {
          if (stopped()) return;
        }
        attempt += 1;
        const delay =
          Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    };
    void connect();
    return () => {
      controller.abort();
    };
  }, [api, queryClient, enabled]);
}
