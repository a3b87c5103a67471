import type { Actor } from '@kiryana/shared';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiClient, createApiClient } from '../api/api-client';
import type { AdminConfig } from '../api/types';
import { AuthContext, type AuthContextValue } from './auth-context';
import { type Auth, createAuth } from './oidc';

type State =
  | { status: 'loading' }
  | { status: 'signed-out'; auth: Auth }
  | { status: 'signed-in'; auth: Auth; api: ApiClient; actor: Actor; name: string }
  | { status: 'failed'; message: string };

const CALLBACK = /\/auth\/callback$/;

/**
 * Loads the sign-in configuration from the server, completes a redirect back from the issuer,
 * and renders `children` only with a valid session; otherwise a sign-in screen.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    let unsubscribe = () => {};
    const start = async (): Promise<State> => {
      const response = await fetch('/v1/admin/config');
      if (!response.ok) throw new Error(`config: HTTP ${response.status}`);
      const auth = createAuth((await response.json()) as AdminConfig);
      if (CALLBACK.test(window.location.pathname)) {
        const returnTo = await auth.completeSignIn();
        window.history.replaceState(null, '', returnTo);
      }
      const session = await auth.session();
      if (!session) return { status: 'signed-out', auth };
      const api = createApiClient(async () => (await auth.session())?.accessToken, {
        onUnauthenticated: () => {
          void auth.forget().then(() => {
            setGeneration((g) => g + 1);
          });
        },
      });
      const actor = await api.get<Actor>('/v1/admin/me');
      unsubscribe = auth.onChange(() => {
        setGeneration((g) => g + 1);
      });
      return { status: 'signed-in', auth, api, actor, name: session.name };
    };
    start().then(
      (next) => {
        if (live) setState(next);
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', message: String(error) });
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [generation]);

  const value = useMemo<AuthContextValue | undefined>(
    () =>
      state.status === 'signed-in'
        ? {
            api: state.api,
            actor: state.actor,
            name: state.name,
            signOut: () => {
              void state.auth.signOut();
            },
          }
        : undefined,
    [state],
  );

  if (state.status === 'loading') {
    return (
      <main className="centred" aria-busy="true">
        <p>{t('auth.loading')}</p>
      </main>
    );
  }
  if (state.status === 'failed') {
    return (
      <main className="centred">
        <h1>{t('app.name')}</h1>
        <p role="alert">{t('auth.failed', { error: state.message })}</p>
      </main>
    );
  }
  if (state.status === 'signed-out') {
    const returnTo = window.location.pathname + window.location.search;
    return (
      <main className="centred sign-in">
        <h1>{t('app.name')}</h1>
        <p>{t('auth.intro')}</p>
        <button
          type="button"
          className="primary"
          onClick={() => {
            void state.auth.signIn(returnTo);
          }}
        >
          {t('auth.signIn')}
        </button>
      </main>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
