import type { Permission } from '@kiryana/shared';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useAuth, useCan } from '../auth/auth-context';
import { NotificationBell } from '../features/notifications/notification-bell';
import { useLiveStock } from '../features/notifications/use-live-stock';
import { type Language, storeLanguage } from '../i18n/language';

const NAV: readonly { to: string; key: string; permission: Permission }[] = [
  { to: '/', key: 'nav.dashboard', permission: 'sales:read' },
  { to: '/stores', key: 'nav.stores', permission: 'stores:read' },
  { to: '/catalogue', key: 'nav.catalogue', permission: 'catalogue:read' },
  { to: '/stock', key: 'nav.stock', permission: 'stock:read' },
  { to: '/transfers', key: 'nav.transfers', permission: 'transfers:read' },
  { to: '/purchase-orders', key: 'nav.purchaseOrders', permission: 'purchases:read' },
  { to: '/suppliers', key: 'nav.suppliers', permission: 'purchases:read' },
  { to: '/tax', key: 'nav.tax', permission: 'reports:read' },
  { to: '/gst-returns', key: 'nav.gstReturns', permission: 'reports:read' },
  { to: '/reports', key: 'nav.reports', permission: 'reports:read' },
  { to: '/audit', key: 'nav.audit', permission: 'audit:read' },
];

/**
 * The frame of every screen: skip link, navigation for what the actor may open, the low-stock
 * alerts, language, user. It holds the admin stream that keeps stock figures and alerts live.
 */
export function Layout() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const can = useCan();
  const other: Language = i18n.language === 'hi' ? 'en' : 'hi';
  // The stream is the dashboard's, which needs sales:read; it carries stock for stock:read stores.
  const seesStock = can('stock:read');
  useLiveStock(seesStock && can('sales:read'));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((item) => can(item.permission)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          {seesStock && <NotificationBell />}
          <button
            type="button"
            lang={other}
            onClick={() => {
              storeLanguage(other);
              document.documentElement.lang = other;
              void i18n.changeLanguage(other);
            }}
          >
            {t('nav.switchLanguage')}
          </button>
          <span>{auth.name}</span>
          <button
            type="button"
            onClick={() => {
              auth.signOut();
            }}
          >
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
