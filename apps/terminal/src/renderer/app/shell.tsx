import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BillingScreen } from '../features/billing/billing-screen';
import { ReturnsScreen } from '../features/returns/returns-screen';
import { SettingsScreen } from '../features/settings/settings-screen';
import { updateSettings } from '../features/settings/settings';
import { StockScreen } from '../features/stock/stock-screen';
import { SyncStatusBar } from '../features/sync-status/sync-status-bar';
import { useServices } from './terminal-services';
import { useStore } from './use-terminal-data';

type Screen = 'billing' | 'returns' | 'stock' | 'settings';

const SCREEN_KEYS: Record<string, Screen> = {
  F1: 'billing',
  F3: 'returns',
  F5: 'stock',
  F7: 'settings',
};

/** The bound terminal: screens switched with F1/F3/F5/F7, the language toggle, the sync status. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const store = useStore();
  const [screen, setScreen] = useState<Screen>('billing');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const next = SCREEN_KEYS[event.key];
      if (next === undefined || document.querySelector('.dialog') !== null) return;
      event.preventDefault();
      setScreen(next);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  const toggleLanguage = () => {
    const language = i18n.language === 'hi' ? 'en' : 'hi';
    void updateSettings(services.db, { language }).then(() => i18n.changeLanguage(language));
  };
  return (
    <div className="shell">
      <header className="top">
        <strong className="brand">{t('app.name')}</strong>
        <span className="store" data-testid="store-name">
          {store === undefined
            ? services.credential.storeCode
            : i18n.language === 'hi' && store.nameHi
              ? store.nameHi
              : store.nameEn}
          {' · '}
          {services.credential.terminalCode}
        </span>
        <nav>
          {Object.entries<Screen>(SCREEN_KEYS).map(([key, name]) => (
            <button
              key={name}
              type="button"
              data-testid={`nav-${name}`}
              className={screen === name ? 'active' : undefined}
              onClick={() => {
                setScreen(name);
              }}
            >
              {t(`nav.${name}`)} <kbd>{key}</kbd>
            </button>
          ))}
        </nav>
        <button
          type="button"
          className="language"
          data-testid="toggle-language"
          onClick={toggleLanguage}
        >
          {i18n.language === 'hi' ? 'English' : 'हिन्दी'}
        </button>
      </header>
      <main className="screen">
        {screen === 'billing' && <BillingScreen />}
        {screen === 'returns' && <ReturnsScreen />}
        {screen === 'stock' && <StockScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      <SyncStatusBar />
    </div>
  );
}
