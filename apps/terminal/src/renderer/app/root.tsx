import type { Clock } from '@kiryana/shared';
import type { DeviceCredential, NetworkStatus } from '@kiryana/sync-client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalDatabase } from '../db/database';
import { FirstRunScreen } from '../features/first-run/first-run-screen';
import type { Platform } from '../platform/platform';
import { parseDeviceCredential } from '../sync/device-credential';
import { Shell } from './shell';
import { startTerminal } from './start-terminal';
import { TerminalServicesContext, type TerminalServices } from '../services/terminal-services';

type Phase =
  | { kind: 'loading' }
  | { kind: 'first-run' }
  | { kind: 'ready'; services: TerminalServices }
  | { kind: 'failed'; error: string };

/** Loads the device credential: first run without one, the terminal with one. */
export function Root(props: {
  platform: Platform;
  db: TerminalDatabase;
  clock: Clock;
  network: NetworkStatus;
}) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const start = (credential: DeviceCredential) => {
    startTerminal({
      ...props,
      credential,
      fetch: props.platform.fetchFor(credential.serverUrl),
      onUnbind: () => {
        // The database was removed: start the page afresh.
        window.location.reload();
      },
    }).then(
      (services) => {
        setPhase({ kind: 'ready', services });
      },
      (error: unknown) => {
        setPhase({ kind: 'failed', error: String(error) });
      },
    );
  };
  useEffect(() => {
    void props.platform.credential.load().then((text) => {
      const credential = parseDeviceCredential(text);
      if (credential === undefined) setPhase({ kind: 'first-run' });
      else start(credential);
    });
    // Runs once: the credential is read at start-up only.
  }, []);
  if (phase.kind === 'loading') return <p className="loading">{t('app.loading')}</p>;
  if (phase.kind === 'failed')
    return <p className="error">{t('app.failed', { error: phase.error })}</p>;
  if (phase.kind === 'first-run')
    return <FirstRunScreen platform={props.platform} onBound={start} />;
  return (
    <TerminalServicesContext.Provider value={phase.services}>
      <Shell />
    </TerminalServicesContext.Provider>
  );
}
