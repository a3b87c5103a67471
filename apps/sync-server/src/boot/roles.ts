/**
 * Process roles (docs/operations.md, "Process roles"): one build, started for one or more of
 * - `api`: the HTTP API for terminals and people, and the live hub their event streams hear;
 * - `relay`: the outbox relay (it also prunes published rows, as its leader holds the outbox) and
 *   the bus consumers: live stock, low-stock alerts, the webhook fan-out;
 * - `jobs`: scheduled work: the webhook dispatcher and the retention of delivered webhooks and
 *   old notifications (features/retention).
 * Each role then scales and fails on its own. Every process serves /healthz, /readyz and
 * /metrics, so Kubernetes probes and scrapes all of them alike. `pnpm start` runs all three.
 */
export const ALL_ROLES = ['api', 'relay', 'jobs'] as const;

/** One role. */
export type Role = (typeof ALL_ROLES)[number];

/** `api,relay` → the roles in it; a readable problem when it names none or an unknown one. */
export function parseRoles(text: string): readonly Role[] | string {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(ALL_ROLES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return `unknown role ${unknown.join(', ')} (roles: ${ALL_ROLES.join(', ')})`;
  }
  if (names.length === 0) return `at least one role (${ALL_ROLES.join(', ')})`;
  return ALL_ROLES.filter((role) => names.includes(role));
}

/**
 * The roles asked for on the command line (`--role=relay` or `--role relay`, may repeat or list
 * several), which win over ROLES; undefined when none is given.
 */
export function rolesFromArgs(args: readonly string[]): string | undefined {
  const asked: string[] = [];
  args.forEach((arg, index) => {
    if (arg.startsWith('--role=')) asked.push(arg.slice('--role='.length));
    else if (arg === '--role' && args[index + 1] !== undefined) asked.push(args[index + 1] ?? '');
  });
  return asked.length > 0 ? asked.join(',') : undefined;
}
