import { createBrowserNetworkStatus } from '@kiryana/sync-client';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { z } from 'zod';
import { Root } from './app/root';
import { openTerminalDatabase } from './db/database';
import { readSettings } from './settings/settings';
import { createI18n } from './i18n/i18n';
import { createPlatform, loadPlatformConfig } from './platform/create-platform';
import './styles.css';

// The page's CSP forbids eval; without this zod would probe `new Function` and log a violation.
z.config({ jitless: true });

/** The system clock; tests and demos inject their own into the services instead. */
const systemClock = { now: () => Date.now() };

/**
 * One window per terminal: two tabs on one database would bill from one invoice series at once.
 * The Web Lock is held for the page's lifetime; a second tab does not get it and says so.
 */
function holdTerminalLock(): Promise<boolean> {
  return new Promise((resolve) => {
    void navigator.locks.request('kiryana-terminal', { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // Never settles while the page lives, so the lock is never released.
      return lock === null ? undefined : new Promise(() => undefined);
    });
  });
}

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root');
  if (!(await holdTerminalLock())) {
    const i18n = await createI18n('en');
    container.textContent = `${i18n.t('app.openElsewhere')} / ${i18n.getFixedT('hi')('app.openElsewhere')}`;
    return;
  }
  const config = await loadPlatformConfig(window);
  const platform = createPlatform(window, config);
  const db = await openTerminalDatabase({ storage: platform.storage, name: 'kiryana' });
  const settings = await readSettings(db);
  const i18n = await createI18n(settings.language);
  document.documentElement.lang = settings.language;
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  createRoot(container).render(
    <I18nextProvider i18n={i18n}>
      <Root
        platform={platform}
        db={db}
        clock={systemClock}
        network={createBrowserNetworkStatus(window)}
      />
    </I18nextProvider>,
  );
}

void boot().catch((error: unknown) => {
  document.body.textContent = `The terminal could not start: ${String(error)}`;
});
