import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import {
  APP_NAME,
  CONFIG_MAP,
  DRAIN_MS,
  HTTP_PORT,
  IMAGE,
  METRICS_PORT,
  PG_APP_SECRET,
  PRE_STOP_SLEEP_SEC,
  SERVER_SECRET,
  SERVICE_ACCOUNT,
} from './settings';

/** Where the server may write (DATA_DIR, temp files): the root file system is read-only. */
const SCRATCH_DIR = '/tmp';

/**
 * The environment of every server process. Names are apps/sync-server/src/env.ts's; the
 * ConfigMap holds what differs per installation, the Secrets what must never be committed.
 */
function serverEnv(roles: string | undefined, heapMb: number): IEnvVar[] {
  return [
    { name: 'NODE_ENV', value: 'production' },
    // Pods are reached through their pod IP: loopback (the default) would refuse the gateway.
    { name: 'HOST', value: '0.0.0.0' },
    { name: 'PORT', value: String(HTTP_PORT) },
    { name: 'METRICS_PORT', value: String(METRICS_PORT) },
    { name: 'METRICS_HOST', value: '0.0.0.0' },
    ...(roles === undefined ? [] : [{ name: 'ROLES', value: roles }]),
    { name: 'DRAIN_MS', value: String(DRAIN_MS) },
    { name: 'SEED_DEMO', value: 'false' },
    { name: 'TRUST_PROXY', value: 'true' },
    { name: 'DATA_DIR', value: `${SCRATCH_DIR}/kiryana` },
    // The heap stays under the memory limit, so Node collects before the kernel kills. The
    // telemetry module must load before the server (it patches pg); without an OTLP endpoint in
    // the environment it returns at once (docs/deployment.md, "Tracing").
    {
      name: 'NODE_OPTIONS',
      value:
        roles === undefined
          ? `--max-old-space-size=${heapMb}`
          : `--max-old-space-size=${heapMb} --import=./dist/telemetry.mjs`,
    },
    ...(roles === undefined ? [] : [{ name: 'OTEL_SERVICE_NAME', value: `${APP_NAME}-${roles}` }]),
    {
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: PG_APP_SECRET, key: 'uri' } },
    },
    {
      name: 'DEVICE_TOKEN_SECRET',
      valueFrom: { secretKeyRef: { name: SERVER_SECRET, key: 'DEVICE_TOKEN_SECRET' } },
    },
    {
      name: 'METRICS_TOKEN',
      valueFrom: {
        secretKeyRef: { name: SERVER_SECRET, key: 'METRICS_TOKEN', optional: true },
      },
    },
  ];
}

export type ContainerSizing = {
  readonly cpuRequest: string;
  readonly memory: string;
  readonly heapMb: number;
};

function resources(sizing: ContainerSizing): IResourceRequirements {
  // No CPU limit: throttling a Node event loop stalls every open stream on it, and the HPA
  // scales on requested CPU anyway. Memory is limited (requests = limits: no overcommit).
  return {
    requests: { cpu: sizing.cpuRequest, memory: sizing.memory },
    limits: { memory: sizing.memory },
  };
}

/** Non-root, read-only root file system, no capabilities, no privilege escalation. */
const containerSecurity: IContainer['securityContext'] = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

/** The uid and gid of the Dockerfile's USER (the base image's `node`), numeric so runAsNonRoot can verify it. */
export const SERVER_UID = 1000;

/** Pod-level settings shared by the role Deployments and the migration Job. */
export function serverPodSpec(container: IContainer): IPodSpec {
  return {
    serviceAccountName: SERVICE_ACCOUNT,
    // The server never talks to the Kubernetes API: no token in the pod.
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: SERVER_UID,
      runAsGroup: SERVER_UID,
      fsGroup: SERVER_UID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [container],
    volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '256Mi' } }],
  };
}

function baseContainer(roles: string | undefined, sizing: ContainerSizing): IContainer {
  return {
    name: 'sync-server',
    image: IMAGE,
    imagePullPolicy: 'IfNotPresent',
    envFrom: [{ configMapRef: { name: CONFIG_MAP } }],
    env: serverEnv(roles, sizing.heapMb),
    resources: resources(sizing),
    securityContext: containerSecurity,
    volumeMounts: [{ name: 'scratch', mountPath: SCRATCH_DIR }],
  };
}

/** The long-running server of one role: probes, ports and a drain before the kill. */
export function serverContainer(roles: string, sizing: ContainerSizing): IContainer {
  return {
    ...baseContainer(roles, sizing),
    ports: [
      { name: 'http', containerPort: HTTP_PORT, protocol: 'TCP' },
      { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
    ],
    // Compiled, the server is ready in about a second; the startup probe still allows 30 s for a
    // slow node before liveness takes over.
    startupProbe: {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 1,
      failureThreshold: 30,
    },
    livenessProbe: {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 10,
      timeoutSeconds: 2,
      failureThreshold: 3,
    },
    // /readyz fails while the database is down or a migration is pending: no traffic then.
    readinessProbe: {
      httpGet: { path: '/readyz', port: 'http' },
      periodSeconds: 5,
      timeoutSeconds: 2,
      failureThreshold: 2,
    },
    lifecycle: {
      // Endpoints and the gateway need a moment to drop the pod; SIGTERM (and the drain of
      // DRAIN_MS) only starts after this, so no new stream lands on a pod that is leaving.
      preStop: { exec: { command: ['sleep', String(PRE_STOP_SLEEP_SEC)] } },
    },
  };
}

/** The one-shot migration: same image and environment, `node dist/cli.mjs migrate`. */
export function migrateContainer(sizing: ContainerSizing): IContainer {
  return {
    ...baseContainer(undefined, sizing),
    name: 'migrate',
    command: ['node', 'dist/cli.mjs', 'migrate'],
  };
}
