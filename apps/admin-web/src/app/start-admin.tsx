import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AuthGate } from '../auth/auth-gate';
import { createI18n } from '../i18n/i18n';
import { storedLanguage } from '../i18n/language';
import { createAdminRouter } from './router';

/** Renders the admin web: translations, the query cache, sign-in, then the router. */
export async function startAdmin(root: Root): Promise<void> {
  const language = storedLanguage();
  const i18n = await createI18n(language);
  document.documentElement.lang = language;
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: true },
    },
  });
  root.render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AuthGate>
          <AdminRouter />
        </AuthGate>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

/**
 * The router, made once the session exists: AuthGate may have just rewritten the address from the
 * sign-in callback to the page the person set out for, and the router must start from that.
 */
function AdminRouter() {
  const [router] = useState(createAdminRouter);
  return <RouterProvider router={router} />;
}
