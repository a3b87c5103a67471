import { validateGstin } from '@kiryana/shared';

/**
 * What is wrong with a store's GSTIN, checked as the server checks it (check character, and the
 * first two digits are the store's state) so a typo is named before the round trip. A store must
 * have one, so empty is 'bad' (a supplier's is optional and has its own check).
 */
export function gstinProblem(gstin: string, stateCode: string): 'bad' | 'state' | null {
  const check = validateGstin(gstin);
  if (!check.ok) return 'bad';
  return check.stateCode !== stateCode ? 'state' : null;
}
