import { readFileSync } from 'node:fs';

/**
 * The names, ports and sizes every chart shares. One place, so the Service, the NetworkPolicies,
 * the probes and the HPA cannot drift apart; docs/deployment.md explains the sizing.
 */

const serverManifest = JSON.parse(
  readFileSync(new URL('../../../apps/sync-server/package.json', import.meta.url), 'utf8'),
) as { version: string };

export const NAMESPACE = 'kiryana';
/** The image the Dockerfile builds; the tag follows the server's version so a release is one edit. */
export const IMAGE = `kiryana/sync-server:${serverManifest.version}`;
export const APP_NAME = 'kiryana-sync-server';
export const SERVICE_ACCOUNT = 'kiryana-sync-server';

/** The server's HTTP port (env PORT) and the separate metrics listener (env METRICS_PORT). */
export const HTTP_PORT = 8787;
export const METRICS_PORT = 9464;

/** How long a stopping pod drains open requests and event streams (env DRAIN_MS). */
export const DRAIN_MS = 20_000;
/** Seconds preStop waits so endpoints drop the pod before SIGTERM starts the drain. */
export const PRE_STOP_SLEEP_SEC = 5;
/** Kubernetes kills at this point: preStop + drain + margin for closing pools and the bus. */
export const TERMINATION_GRACE_SEC = PRE_STOP_SLEEP_SEC + DRAIN_MS / 1000 + 10;

/** Objects created outside these manifests (secrets are never committed). */
export const CONFIG_MAP = 'kiryana-sync-server';
export const SERVER_SECRET = 'kiryana-sync-server';
export const PG_CLUSTER = 'kiryana-pg';
/** CloudNativePG writes this Secret (keys uri, host, username, password...) for the app owner. */
export const PG_APP_SECRET = `${PG_CLUSTER}-app`;
export const PG_BACKUP_SECRET = 'kiryana-pg-backup-s3';

/** Where the NATS Helm release (deploy/nats/values.yaml) runs and how its pods are labelled. */
export const NATS_RELEASE = 'nats';
export const NATS_CLIENT_PORT = 4222;

/** Namespaces allowed in: the gateway (HAProxy ingress) and Prometheus. */
export const GATEWAY_NAMESPACE = 'ingress';
export const MONITORING_NAMESPACE = 'monitoring';

/** The server's process roles (env ROLES): each its own Deployment, scaled and failing alone. */
export type Role = 'api' | 'relay' | 'jobs';

/** Labels of every pod of one role; Services, PDBs and NetworkPolicies select on these. */
export function roleLabels(role: Role | 'migrate'): Record<string, string> {
  return {
    'app.kubernetes.io/name': APP_NAME,
    'app.kubernetes.io/part-of': 'kiryana',
    'app.kubernetes.io/component': role,
  };
}
