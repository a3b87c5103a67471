import { useTranslation } from 'react-i18next';

/**
 * Shown instead of the cashier sign-in once the server revoked this device: its PIN verifiers
 * and PIN key are gone, so nobody can sign in here until it is enrolled again.
 */
export function RevokedScreen() {
  const { t } = useTranslation();
  return (
    <section className="sign-in" role="alert" data-testid="revoked-screen">
      <h2>{t('revoked.title')}</h2>
      <p>{t('revoked.body')}</p>
    </section>
  );
}
