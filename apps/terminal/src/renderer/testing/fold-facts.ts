/**
 * The state a document reaches after `facts`, folded through its machine (`applyTransferFact`,
 * `applyPurchaseOrderFact`): what the server's pulled row would hold. Throws on a refused fact, so
 * a test's fixture cannot quietly stop short.
 * @example
 * foldFacts(applyTransferFact, [request, approve]); // { status: 'approved', … }
 */
export function foldFacts<S, F>(
  apply: (state: S | null, fact: F) => { state: S } | { error: { message: string } },
  facts: readonly F[],
): S {
  let state: S | null = null;
  for (const fact of facts) {
    const outcome = apply(state, fact);
    if ('error' in outcome) throw new Error(outcome.error.message);
    state = outcome.state;
  }
  if (state === null) throw new Error('no facts');
  return state;
}
