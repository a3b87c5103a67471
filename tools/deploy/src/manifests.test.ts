import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cnpgClusterSchema, cnpgScheduledBackupSchema } from './cnpg-schema';
import { CORE_MODELS } from './k8s-models';
import { type K8sObject, parseManifests, readCommittedManifests } from './manifest-files';
import { synthManifests } from './manifests';
import { DRAIN_MS, NAMESPACE, NATS_RELEASE, PG_APP_SECRET, PRE_STOP_SLEEP_SEC } from './settings';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const committed = readCommittedManifests();
const objects = parseManifests(committed);

type Labels = Record<string, string>;
type Container = {
  name: string;
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; optional?: boolean } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
};
type PodTemplate = {
  metadata: { labels: Labels };
  spec: { containers: Container[]; terminationGracePeriodSeconds?: number };
};

const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
const spec = (object: K8sObject) => object['spec'] as Record<string, unknown>;
const template = (object: K8sObject) => spec(object)['template'] as PodTemplate;
const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
const podLabels = workloads.map((object) => template(object).metadata.labels);
const matches = (selector: Labels, labels: Labels) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('deploy/k8s', () => {
  it('is exactly what the cdk8s charts synthesize (else run `pnpm deploy:synth`)', () => {
    const fresh = synthManifests();
    expect([...committed.keys()], 'files in deploy/k8s: run `pnpm deploy:synth`').toEqual(
      [...fresh.keys()].sort(),
    );
    for (const [name, text] of fresh) {
      expect(committed.get(name), `deploy/k8s/${name} is stale: run \`pnpm deploy:synth\``).toBe(
        text,
      );
    }
  });

  it('validates every core object against the Kubernetes OpenAPI schemas (kubernetes-models)', () => {
    const core = objects.filter((object) => !object.apiVersion.startsWith('postgresql.cnpg.io/'));
    expect(core.length).toBeGreaterThan(10);
    for (const object of core) {
      const Model = CORE_MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `${object.apiVersion} ${object.kind} has no schema here`).toBeDefined();
      expect(() => {
        new Model!(object as never).validate();
      }, object.metadata.name).not.toThrow();
    }
    // The validator does reject: the api Deployment with a port that is not a number.
    const broken = structuredClone(ofKind('Deployment')[0]!);
    template(broken).spec.containers[0]!.ports![0]!.containerPort = 'http' as never;
    const Deployment = CORE_MODELS['apps/v1/Deployment']!;
    expect(() => {
      new Deployment(broken as never).validate();
    }).toThrow(/containerPort/);
  });

  it('has a CloudNativePG Cluster (3 instances, synchronous, backed up) and its ScheduledBackup', () => {
    // No offline CRD schema: checked against the hand-written zod schemas of cnpg-schema.ts.
    const [cluster] = ofKind('Cluster').map((o) => cnpgClusterSchema.parse(o));
    const backups = ofKind('ScheduledBackup').map((o) => cnpgScheduledBackupSchema.parse(o));
    expect(cluster?.spec.instances).toBe(3);
    expect(cluster?.spec.postgresql?.synchronous?.number).toBeGreaterThanOrEqual(1);
    expect(cluster?.spec.backup?.barmanObjectStore.destinationPath).toMatch(/^s3:\/\//);
    expect(backups.map((b) => b.spec.cluster.name)).toEqual([cluster?.metadata.name]);
    expect(PG_APP_SECRET).toBe(`${cluster?.metadata.name}-app`);
    // The schema does reject: a Cluster without instances, or with a misspelt field.
    const { instances: _dropped, ...noInstances } = cluster!.spec;
    expect(cnpgClusterSchema.safeParse({ ...cluster, spec: noInstances }).success).toBe(false);
    expect(
      cnpgClusterSchema.safeParse({ ...cluster, spec: { ...cluster!.spec, instance: 3 } }).success,
    ).toBe(false);
  });

  it('puts every namespaced object in the one namespace', () => {
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect(object.metadata.namespace, `${object.kind} ${object.metadata.name}`).toBe(NAMESPACE);
    }
  });

  it('selects existing pods: Services, PDBs and NetworkPolicies', () => {
    for (const service of ofKind('Service')) {
      const selector = spec(service)['selector'] as Labels;
      expect(
        podLabels.some((labels) => matches(selector, labels)),
        service.metadata.name,
      ).toBe(true);
    }
    for (const budget of ofKind('PodDisruptionBudget')) {
      const { matchLabels } = spec(budget)['selector'] as { matchLabels: Labels };
      expect(
        podLabels.some((labels) => matches(matchLabels, labels)),
        budget.metadata.name,
      ).toBe(true);
    }
    for (const policy of ofKind('NetworkPolicy')) {
      const { matchLabels } = spec(policy)['podSelector'] as { matchLabels: Labels };
      expect(
        podLabels.some((labels) => matches(matchLabels, labels)),
        policy.metadata.name,
      ).toBe(true);
    }
  });

  it('scales Deployments that exist, on metrics the server exports', () => {
    const deployments = new Set(ofKind('Deployment').map((d) => d.metadata.name));
    const serverSources = sourceTexts(join(REPO, 'apps/sync-server/src'));
    for (const hpa of ofKind('HorizontalPodAutoscaler')) {
      const hpaSpec = spec(hpa) as {
        scaleTargetRef: { kind: string; name: string };
        metrics: { type: string; pods?: { metric: { name: string } } }[];
      };
      expect(hpaSpec.scaleTargetRef.kind).toBe('Deployment');
      expect(deployments.has(hpaSpec.scaleTargetRef.name)).toBe(true);
      const custom = hpaSpec.metrics.flatMap((m) => (m.pods ? [m.pods.metric.name] : []));
      expect(custom).toEqual(['sync_streams_open']);
      for (const name of custom) expect(serverSources, name).toContain(`'${name}'`);
    }
  });

  it('probes /healthz and /readyz on a declared port and drains before the kill', () => {
    for (const deployment of ofKind('Deployment')) {
      const pod = template(deployment);
      for (const container of pod.spec.containers) {
        const ports = (container.ports ?? []).map((p) => p.name);
        expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
        expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
        expect(ports).toContain(container.livenessProbe?.httpGet?.port);
        expect(ports).toContain(container.readinessProbe?.httpGet?.port);
        const drainMs = Number(
          container.env?.find((e) => e.name === 'DRAIN_MS')?.['value' as never],
        );
        expect(drainMs).toBe(DRAIN_MS);
        expect(container.lifecycle?.preStop?.exec?.command).toEqual([
          'sleep',
          String(PRE_STOP_SLEEP_SEC),
        ]);
        expect((pod.spec.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(
          drainMs + PRE_STOP_SLEEP_SEC * 1000,
        );
      }
    }
  });

  it('runs every container non-root, read-only, without capabilities (Pod Security restricted)', () => {
    for (const workload of workloads) {
      const podSecurity = (template(workload).spec as { securityContext?: Record<string, unknown> })
        .securityContext;
      expect(podSecurity?.['runAsNonRoot'], workload.metadata.name).toBe(true);
      expect(podSecurity?.['seccompProfile']).toEqual({ type: 'RuntimeDefault' });
      for (const container of template(workload).spec.containers) {
        const security = container.securityContext;
        expect(security?.runAsNonRoot, workload.metadata.name).toBe(true);
        expect(security?.readOnlyRootFilesystem).toBe(true);
        expect(security?.allowPrivilegeEscalation).toBe(false);
        expect(security?.capabilities?.drop).toEqual(['ALL']);
      }
    }
  });

  it('references ConfigMaps that exist and Secrets that CloudNativePG makes or the docs list', () => {
    const configMaps = new Set(ofKind('ConfigMap').map((c) => c.metadata.name));
    const clusters = ofKind('Cluster').map((c) => c.metadata.name);
    const madeByOperator = new Set(clusters.map((name) => `${name}-app`));
    const docs = readFileSync(join(REPO, 'docs/deployment.md'), 'utf8');
    const secretsSection = docs.slice(docs.indexOf('## Secrets'));
    const secrets = new Set<string>();
    for (const workload of workloads) {
      for (const container of template(workload).spec.containers) {
        for (const from of container.envFrom ?? []) {
          if (from.configMapRef) expect(configMaps.has(from.configMapRef.name)).toBe(true);
          if (from.secretRef) secrets.add(from.secretRef.name);
        }
        for (const env of container.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef;
          if (ref) secrets.add(ref.name);
        }
      }
    }
    const backup = cnpgClusterSchema.parse(ofKind('Cluster')[0]).spec.backup?.barmanObjectStore;
    if (backup?.s3Credentials?.accessKeyId) secrets.add(backup.s3Credentials.accessKeyId.name);
    expect(secrets.size).toBeGreaterThanOrEqual(3);
    for (const name of secrets) {
      if (madeByOperator.has(name)) continue;
      expect(secretsSection, `Secret ${name} is neither made here nor documented`).toContain(
        `\`${name}\``,
      );
    }
  });

  it('sets only environment variables the server reads (apps/sync-server/src)', () => {
    const serverSources = sourceTexts(join(REPO, 'apps/sync-server/src'));
    const configMapKeys = ofKind('ConfigMap').flatMap((c) =>
      Object.keys((c['data'] ?? {}) as Record<string, string>),
    );
    const envNames = workloads.flatMap((w) =>
      template(w).spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name)),
    );
    // NODE_OPTIONS is Node's own.
    const names = new Set([...configMapKeys, ...envNames].filter((n) => n !== 'NODE_OPTIONS'));
    for (const name of names) {
      // A key of the env schema (`NAME:`) or a read of it (`env.NAME`).
      expect(serverSources, `${name} is not read by the server`).toMatch(
        new RegExp(`\\b${name}:|\\.${name}\\b`),
      );
    }
  });
});

describe('deploy/nats/values.yaml', () => {
  it('asks the NATS chart for a 3-server cluster with file-backed JetStream', () => {
    const values = parse(readFileSync(join(REPO, 'deploy/nats/values.yaml'), 'utf8')) as {
      config: {
        cluster: { enabled: boolean; replicas: number };
        jetstream: { enabled: boolean; fileStore: { enabled: boolean; pvc: { enabled: boolean } } };
      };
    };
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream.enabled).toBe(true);
    expect(values.config.jetstream.fileStore).toMatchObject({
      enabled: true,
      pvc: { enabled: true },
    });
    // The release name the values file documents is the host the server's NATS_URL names.
    const natsUrl = ofKind('ConfigMap')
      .map((c) => (c['data'] as Record<string, string>)['NATS_URL'])
      .find(Boolean);
    expect(natsUrl).toMatch(new RegExp(`^nats://${NATS_RELEASE}\\.${NAMESPACE}\\.svc`));
    expect(readFileSync(join(REPO, 'deploy/nats/values.yaml'), 'utf8')).toContain(
      `helm install ${NATS_RELEASE} `,
    );
  });
});

/** The text of every non-test TypeScript file under a folder. */
function sourceTexts(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
    .map((path) => readFileSync(join(dir, path), 'utf8'))
    .join('\n');
}
