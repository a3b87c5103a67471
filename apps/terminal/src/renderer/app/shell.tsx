import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BillingScreen } from '../features/billing/billing-screen';
import { ReturnsScreen } from '../features/returns/returns-screen';
import { RevokedScreen } from '../features/sign-in/revoked-screen';
import { SignInScreen } from '../features/sign-in/sign-in-screen';
import { SettingsScreen } from '../features/settings/settings-screen';
import { updateSettings } from '../settings/settings';
import { StockScreen } from '../features/stock/stock-screen';
import { TransfersScreen } from '../features/transfers/transfers-screen';
import { GoodsReceiptScreen } from '../features/goods-receipt/goods-receipt-screen';
import { SyncStatusBar } from '../features/sync-status/sync-status-bar';
import { UpdateNotice } from '../features/updates/update-notice';
import { useServices } from '../services/terminal-services';
import { useObservable } from '../services/use-observable';
import { useStore } from '../services/use-terminal-data';

type Screen = 'billing' | 'returns' | 'stock' | 'transfers' | 'goodsReceipt' | 'settings';

const SCREEN_KEYS: Record<string, Screen> = {
  F1: 'billing',
  F3: 'returns',
  F5: 'stock',
  // Shifted: billing owns the even keys (F6, F8) for its own actions.
  'Shift+F5': 'transfers',
  'Shift+F7': 'goodsReceipt',
  F7: 'settings',
};

/** The key that signs the cashier out (the next person signs in with their own PIN). */
const SIGN_OUT_KEY = 'F10';

/**
 * The bound terminal: the cashier sign-in until someone is signed in, then screens switched with
 * F1/F3/F5/F7 (Shift+F5 transfers, Shift+F7 PO receipts) and F10 to sign out; the language
 * toggle and the sync status always. A revoked terminal shows the revoked screen instead, and
 * nobody signs in.
 */
export function Shell() {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const store = useStore();
  const [screen, setScreen] = useState<Screen>('billing');
  const revoked = useObservable(services.revoked$, services.revoked$.value);
  // A revoked terminal has nobody signed in, whatever a stale screen last set.
  const signedIn = useObservable(services.cashier$, services.cashier$.value);
  const cashier = revoked ? null : signedIn;
  const signOut = () => {
    services.cashier$.next(null);
    setScreen('billing');
  };
  useEffect(() => {
    // After the first screen's own reads (children's effects run first): the catalogue loads
    // behind the sign-in screen instead of in front of it.
    const timer = setTimeout(() => {
      services.catalogue.load().then(
        () => {
          // For the benchmark and end-to-end suites: when the whole catalogue is in memory.
          document.documentElement.dataset['catalogue'] = 'loaded';
        },
        (error: unknown) => {
          console.error('[catalogue] load failed', error);
        },
      );
    }, 0);
    return () => {
      clearTimeout(timer);
    };
  }, [services]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === SIGN_OUT_KEY && document.querySelector('.dialog') === null) {
        event.preventDefault();
        signOut();
        return;
      }
      const next = SCREEN_KEYS[event.shiftKey ? `Shift+${event.key}` : event.key];
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
        {cashier !== null && (
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
        )}
        {cashier !== null && (
          <button
            type="button"
            className="cashier"
            data-testid="sign-out"
            title={t('signIn.signOut')}
            onClick={signOut}
          >
            {t('signIn.signedIn', { name: cashier.displayName })} <kbd>{SIGN_OUT_KEY}</kbd>
          </button>
        )}
        <button
          type="button"
          className="language"
          data-testid="toggle-language"
          onClick={toggleLanguage}
        >
          {i18n.language === 'hi' ? 'English' : 'हिन्दी'}
        </button>
        <UpdateNotice />
      </header>
      <main className="screen">
        {revoked && <RevokedScreen />}
        {cashier === null && !revoked && <SignInScreen />}
        {cashier !== null && screen === 'billing' && <BillingScreen />}
        {cashier !== null && screen === 'returns' && <ReturnsScreen />}
        {cashier !== null && screen === 'stock' && <StockScreen />}
        {cashier !== null && screen === 'transfers' && <TransfersScreen />}
        {cashier !== null && screen === 'goodsReceipt' && <GoodsReceiptScreen />}
        {cashier !== null && screen === 'settings' && <SettingsScreen />}
      </main>
      <SyncStatusBar />
    </div>
  );
}
