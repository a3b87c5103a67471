import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services/terminal-services';
import { useObservable } from '../../services/use-observable';
import { billOpen$ } from './bill-open';

// The main process learns of a download at most every few hours; a minute's delay is nothing.
const POLL_MS = 60_000;

/**
 * "Update x.y.z ready" and the "Restart to update" button, in Electron only. The main process
 * decides (auto-update-policy.ts); the button is also disabled here while a bill is open so the
 * cashier sees why before pressing it.
 */
export function UpdateNotice() {
  const updates = useServices().platform.updates;
  const billOpen = useObservable(billOpen$, billOpen$.value);
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    if (updates === undefined) return;
    const poll = () => {
      updates.readyVersion().then(setVersion, () => undefined);
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [updates]);
  if (updates === undefined || version === null) return null;
  return (
    <UpdateNoticeView
      version={version}
      billOpen={billOpen}
      // Main answers 'refuse-bill-open' only in a race with a scan; the button is disabled by then.
      onRestart={() => {
        void updates.restartToUpdate(billOpen$.value);
      }}
    />
  );
}

/** What the notice shows for a downloaded `version`; the button waits while a bill is open. */
export function UpdateNoticeView(props: {
  version: string;
  billOpen: boolean;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  return (
    <span className="update-notice" data-testid="update-notice">
      {t('update.ready', { version: props.version })}{' '}
      <button
        type="button"
        data-testid="restart-to-update"
        disabled={props.billOpen}
        title={props.billOpen ? t('update.finishBill') : undefined}
        onClick={props.onRestart}
      >
        {t('update.restart')}
      </button>
      {props.billOpen && <span className="warn"> {t('update.finishBill')}</span>}
    </span>
  );
}
