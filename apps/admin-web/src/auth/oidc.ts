import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AdminConfig } from '../api/types';

/**
 * Sign-in through the configured OpenID issuer: authorization code with PKCE (oidc-client-ts does
 * both), tokens kept in sessionStorage (gone when the tab closes), and access tokens renewed with
 * the rotating refresh token before they expire. The only module that imports oidc-client-ts.
 */

/** The signed-in person as the app needs them. */
type Session = { accessToken: string; name: string; expiresAt: number };

/** Sign-in operations the app uses. */
export type Auth = {
  /** The current session, renewing an expired access token; undefined when signed out. */
  session(): Promise<Session | undefined>;
  signIn(returnTo: string): Promise<void>;
  /** Completes the redirect back from the issuer; returns the path to go on to. */
  completeSignIn(): Promise<string>;
  signOut(): Promise<void>;
  /** Forgets the session here without a round trip to the issuer (the server refused its token). */
  forget(): Promise<void>;
  /** Calls `listener` when the session ends (signed out, expired, renewal failed). */
  onChange(listener: () => void): () => void;
};

/** Where the issuer sends the browser back to. */
function redirectUri(): string {
  return new URL(`${import.meta.env.BASE_URL}auth/callback`, window.location.origin).href;
}

/** Builds the sign-in machinery for the configured issuer and client. */
export function createAuth(config: AdminConfig): Auth {
  const manager = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    post_logout_redirect_uri: new URL(import.meta.env.BASE_URL, window.location.origin).href,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    // The embedded provider has no userinfo endpoint for the admin's needs: the ID token suffices.
    loadUserInfo: false,
  });
  const toSession = (user: Awaited<ReturnType<UserManager['getUser']>>): Session | undefined =>
    user && !user.expired
      ? {
          accessToken: user.access_token,
          name: user.profile.name ?? user.profile.preferred_username ?? user.profile.sub,
          expiresAt: (user.expires_at ?? 0) * 1000,
        }
      : undefined;
  return {
    async session() {
      const user = await manager.getUser();
      if (user && user.expired && user.refresh_token) {
        try {
          return toSession(await manager.signinSilent());
        } catch {
          await manager.removeUser();
          return undefined;
        }
      }
      return toSession(user);
    },
    signIn: (returnTo) => manager.signinRedirect({ state: { returnTo } }),
    async completeSignIn() {
      const user = await manager.signinRedirectCallback();
      const state = user.state as { returnTo?: unknown } | undefined;
      return typeof state?.returnTo === 'string' ? state.returnTo : '/';
    },
    async signOut() {
      const user = await manager.getUser();
      await manager.removeUser();
      if (user?.id_token) await manager.signoutRedirect({ id_token_hint: user.id_token });
    },
    forget: () => manager.removeUser(),
    onChange(listener) {
      const events = manager.events;
      events.addUserUnloaded(listener);
      events.addAccessTokenExpired(listener);
      events.addSilentRenewError(listener);
      return () => {
        events.removeUserUnloaded(listener);
        events.removeAccessTokenExpired(listener);
        events.removeSilentRenewError(listener);
      };
    },
  };
}
