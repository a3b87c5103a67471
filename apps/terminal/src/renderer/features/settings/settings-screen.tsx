import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable } from '../../services/use-observable';
import { watchUnsynced } from '../../db/facts';
import { useServices } from '../../services/terminal-services';
import { useSettings } from '../../services/use-terminal-data';
import { useFormat } from '../../i18n/use-format';
import { updateSettings } from '../../settings/settings';

/** Windows offered for local history (db/local-retention.ts); the default is 90 days. */
const HISTORY_DAY_CHOICES = [35, 60, 90, 180, 365];

function UnbindButton() {
  const { t } = useTranslation();
  const services = useServices();
  const unsynced$ = useMemo(() => watchUnsynced(services.db), [services.db]);
  const unsynced = useObservable(unsynced$, { count: 0, oldestCreatedAt: null });
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="unbind">
      <button
        type="button"
        data-testid="unbind"
        disabled={unsynced.count > 0}
        onClick={() => {
          if (confirming) void services.unbind();
          else setConfirming(true);
        }}
      >
        {t(confirming ? 'settings.unbindConfirm' : 'settings.unbind')}
      </button>
      {unsynced.count > 0 && <p>{t('settings.unbindWait', { count: unsynced.count })}</p>}
    </div>
  );
}

/** Terminal settings: language, receipt printing, the cashier's discount limit and credit. */
export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const services = useServices();
  const settings = useSettings();
  return (
    <section className="settings" data-testid="settings-screen">
      <label>
        {t('settings.language')}
        <select
          data-testid="settings-language"
          value={settings.language}
          onChange={(event) => {
            const language = event.target.value === 'hi' ? 'hi' : 'en';
            void updateSettings(services.db, { language }).then(() =>
              i18n.changeLanguage(language),
            );
          }}
        >
          <option value="en">English</option>
          <option value="hi">हिन्दी</option>
        </select>
      </label>
      <label>
        {t('settings.receiptWidth')}
        <select
          value={settings.receiptWidthMm}
          onChange={(event) => {
            void updateSettings(services.db, {
              receiptWidthMm: event.target.value === '58' ? 58 : 80,
            });
          }}
        >
          <option value="58">58 mm</option>
          <option value="80">80 mm</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.autoPrint}
          onChange={(event) => {
            void updateSettings(services.db, { autoPrint: event.target.checked });
          }}
        />
        {t('settings.autoPrint')}
      </label>
      <label>
        {t('settings.historyDays')}
        <select
          data-testid="settings-history-days"
          value={settings.historyRetentionDays}
          onChange={(event) => {
            void updateSettings(services.db, { historyRetentionDays: Number(event.target.value) });
          }}
        >
          {[...new Set([...HISTORY_DAY_CHOICES, settings.historyRetentionDays])].map((days) => (
            <option key={days} value={days}>
              {t('settings.historyDaysOption', { days: format.number(days) })}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.allowCredit}
          onChange={(event) => {
            void updateSettings(services.db, { allowCredit: event.target.checked });
          }}
        />
        {t('settings.allowCredit')}
      </label>
      <p>{t('settings.discountLimit', { rate: format.rate(settings.maxBillDiscountBp) })}</p>
      <dl className="about">
        <dt>{t('settings.server')}</dt>
        <dd>{services.credential.serverUrl}</dd>
        <dt>{t('settings.store')}</dt>
        <dd>{services.credential.storeCode}</dd>
        <dt>{t('settings.terminal')}</dt>
        <dd>{services.credential.terminalCode}</dd>
        <dt>{t('settings.series')}</dt>
        <dd>
          {services.series.sale} / {services.series.return}
        </dd>
        <dt>{t('settings.storage')}</dt>
        <dd>{services.platform.kind}</dd>
      </dl>
      <UnbindButton />
    </section>
  );
}
