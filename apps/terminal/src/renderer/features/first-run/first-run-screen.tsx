import { enrollDevice, SyncHttpError, type DeviceCredential } from '@kiryana/sync-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../platform/platform';

/**
 * First run: the server address and the one-time enrolment code a manager made with
 * `pnpm cli enroll <store-code>`; the answer binds this terminal to its store.
 */
export function FirstRunScreen(props: {
  platform: Platform;
  onBound: (credential: DeviceCredential) => void;
}) {
  const { t } = useTranslation();
  const [serverUrl, setServerUrl] = useState(
    props.platform.defaultServerUrl ?? 'http://127.0.0.1:8787',
  );
  const [code, setCode] = useState('');
  const [terminalName, setTerminalName] = useState(t('firstRun.defaultTerminalName'));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const url = serverUrl.trim();
      const credential = await enrollDevice(
        props.platform.fetchFor(url),
        url,
        code,
        terminalName.trim(),
      );
      await props.platform.credential.save(JSON.stringify(credential));
      props.onBound(credential);
    } catch (error) {
      setProblem(
        error instanceof SyncHttpError
          ? t('firstRun.refused', { code: error.code, message: error.message })
          : t('firstRun.unreachable'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="first-run" data-testid="first-run">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h1>{t('firstRun.title')}</h1>
        <p>{t('firstRun.explain')}</p>
        <label>
          {t('firstRun.serverUrl')}
          <input
            data-testid="server-url"
            type="url"
            required
            value={serverUrl}
            onChange={(event) => {
              setServerUrl(event.target.value);
            }}
          />
        </label>
        <label>
          {t('firstRun.code')}
          <input
            data-testid="enrol-code"
            required
            autoFocus
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
            }}
          />
        </label>
        <label>
          {t('firstRun.terminalName')}
          <input
            data-testid="terminal-name"
            required
            maxLength={80}
            value={terminalName}
            onChange={(event) => {
              setTerminalName(event.target.value);
            }}
          />
        </label>
        {problem !== null && (
          <p className="error" data-testid="enrol-problem">
            {problem}
          </p>
        )}
        <button type="submit" data-testid="enrol-submit" disabled={busy}>
          {t('firstRun.submit')}
        </button>
      </form>
    </main>
  );
}
