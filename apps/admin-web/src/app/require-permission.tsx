import type { Permission } from '@kiryana/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../auth/auth-context';

/** Renders `children` only for an actor holding `permission` somewhere; a refusal otherwise. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can(permission)) {
    return (
      <section aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">{t('errors.forbiddenTitle')}</h1>
        <p role="alert">{t('errors.forbidden')}</p>
        <Link to="/">{t('nav.dashboard')}</Link>
      </section>
    );
  }
  return children;
}

/** The page for an unknown path. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('errors.notFoundTitle')}</h1>
      <Link to="/">{t('nav.dashboard')}</Link>
    </section>
  );
}
