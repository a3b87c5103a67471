import { type AccessTarget, type Actor, type Permission, can, scopeFilter } from '@kiryana/shared';
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/api-client';

/** What every screen gets from the signed-in session. */
export type AuthContextValue = {
  readonly api: ApiClient;
  readonly actor: Actor;
  readonly name: string;
  signOut(): void;
};

/** Filled by AuthGate once signed in. */
export const AuthContext = createContext<AuthContextValue | undefined>(undefined);

/** The signed-in session; only rendered below AuthGate. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthGate');
  return value;
}

/** The API client of the signed-in session. */
export function useApi(): ApiClient {
  return useAuth().api;
}

/**
 * Whether the signed-in actor may do something, decided by the shared `can` (the same function the
 * server decides with): on a target, or without one anywhere at all. The UI hides what this says
 * no to; the server refuses it regardless.
 */
export function useCan(): (permission: Permission, target?: AccessTarget) => boolean {
  const { actor } = useAuth();
  return (permission, target) => {
    if (target) return can(actor, permission, target);
    const filter = scopeFilter(actor, permission);
    return filter.all || filter.storeIds.length > 0 || filter.regionIds.length > 0;
  };
}
