import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';

/**
 * Whether the client should try the network, injected like TanStack Query's onlineManager so
 * tests can go offline without touching globals. The browser implementation follows
 * `navigator.onLine`; a dead server is noticed by failing requests, not by this.
 */
export type NetworkStatus = {
  isOnline(): boolean;
  readonly online$: Observable<boolean>;
  /** Forces a state (tests, and a manual "work offline" switch). */
  setOnline(online: boolean): void;
};

/** A network status driven only by `setOnline`. */
export function createManualNetworkStatus(initial = true): NetworkStatus {
  const subject = new BehaviorSubject(initial);
  return {
    isOnline: () => subject.value,
    online$: subject.pipe(distinctUntilChanged()),
    setOnline: (online) => {
      subject.next(online);
    },
  };
}

/** What the browser status needs of a window: its `navigator.onLine` and its online/offline events. */
export type OnlineEventTarget = {
  readonly navigator: { readonly onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
};

/** A network status following the browser's online/offline events. */
export function createBrowserNetworkStatus(target: OnlineEventTarget): NetworkStatus {
  const status = createManualNetworkStatus(target.navigator.onLine);
  target.addEventListener('online', () => {
    status.setOnline(true);
  });
  target.addEventListener('offline', () => {
    status.setOnline(false);
  });
  return status;
}
