import { readSse } from '@kiryana/sync-client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../auth/auth-context';

/** Whether the live stream is connected. */
export type LiveState = 'connecting' | 'live' | 'offline';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** At most one refetch per this many milliseconds, however many sales land. */
const REFRESH_GAP_MS = 1_000;

/**
 * Keeps the dashboard live: listens to the server's event stream and refetches the day's figures
 * when a sale lands in a store in reach (`sale`) or hints may have been missed (`resync`). On a
 * broken connection it reconnects with jittered backoff, so a server restart does not bring every
 * open dashboard back at once.
 */
export function useLiveDashboard(): LiveState {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const controller = new AbortController();
    const stopped = () => controller.signal.aborted;
    let attempt = 0;
    // A busy chain lands many sales a second: the first hint refetches at once, later ones within
    // REFRESH_GAP_MS are folded into one refetch at the end of the gap.
    let lastRefreshMs = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['fleet'] });
    };
    const refresh = () => {
      if (pending !== undefined) return;
      pending = setTimeout(
        () => {
          pending = undefined;
          lastRefreshMs = Date.now();
          refetch();
        },
        Math.max(0, lastRefreshMs + REFRESH_GAP_MS - Date.now()),
      );
    };
    const connect = async () => {
      while (!stopped()) {
        try {
          const response = await api.stream('/v1/admin/dashboard/stream', controller.signal);
          const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
          if (!reader) throw new Error('no stream body');
          setState('live');
          attempt = 0;
          for await (const event of readSse(reader)) {
            if (event.event === 'sale') refresh();
            // After a (re)connect anything may have changed; it does not spend the sale budget.
            else if (event.event === 'resync') refetch();
          }
        } catch {
          if (stopped()) return;
        }
        setState('offline');
        attempt += 1;
        const delay =
          Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    };
    void connect();
    return () => {
      controller.abort();
      clearTimeout(pending);
    };
  }, [api, queryClient]);
  return state;
}
