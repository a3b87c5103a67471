/**
 * Every Postgres advisory lock key the server takes, in one place: two features that picked the
 * same number by accident would wait on each other (the demo seed once shared the relay leader's
 * key, so an `api` process seeding while another process led the relay would hang).
 */
export const ADVISORY_LOCKS = {
  /** Per migration, transaction-scoped: servers starting together apply each migration once. */
  migrations: 727_274,
  /** Session-scoped while a process leads the outbox relay (features/events/leader-session.ts). */
  relayLeader: 727_275,
  /** Session-scoped for one retention run across all `jobs` processes (features/retention). */
  retention: 727_276,
  /** Transaction-scoped while seeding demo data, so two servers on one empty database seed once. */
  demoSeed: 727_277,
  /**
   * Transaction-scoped, with the document id's hash as second key: one step of a transfer or PO
   * at a time (features/workflow).
   */
  workflowDocument: 727_278,
} as const;
