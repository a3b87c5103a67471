import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import { addModel } from './objects';
import { type ContainerSizing, serverContainer, serverPodSpec } from './server-container';
import {
  APP_NAME,
  HTTP_PORT,
  METRICS_PORT,
  NAMESPACE,
  type Role,
  TERMINATION_GRACE_SEC,
  roleLabels,
} from './settings';

type RolePlan = {
  readonly replicas: number;
  readonly sizing: ContainerSizing;
};

/**
 * Replicas and sizes per role for about 1,000 stores (docs/deployment.md, "Sizing"). The api
 * count is the HPA's floor; relay and jobs elect a leader through Postgres advisory locks or
 * claim work under leases, so their second replica is a warm standby, not a duplicate.
 */
const ROLE_PLANS: Readonly<Record<Role, RolePlan>> = {
  api: { replicas: 3, sizing: { cpuRequest: '500m', memory: '1Gi', heapMb: 768 } },
  relay: { replicas: 2, sizing: { cpuRequest: '250m', memory: '512Mi', heapMb: 384 } },
  jobs: { replicas: 2, sizing: { cpuRequest: '250m', memory: '512Mi', heapMb: 384 } },
};

/** The api's autoscaling bounds and targets. */
const API_SCALING = {
  maxReplicas: 12,
  cpuUtilization: 70,
  /** Open event streams per pod (gauge sync_streams_open) the HPA aims at. */
  streamsPerPod: 1000,
} as const;

function deploymentName(role: Role): string {
  return `${APP_NAME}-${role}`;
}

function roleDeployment(role: Role, plan: RolePlan): Deployment {
  const labels = roleLabels(role);
  const pod = serverPodSpec(serverContainer(role, plan.sizing));
  return new Deployment({
    metadata: { name: deploymentName(role), namespace: NAMESPACE, labels },
    spec: {
      // The api's HPA owns its count; a fixed replicas field would fight it on every apply.
      ...(role === 'api' ? {} : { replicas: plan.replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: labels },
      strategy: {
        type: 'RollingUpdate',
        // One pod at a time, never below the wanted count: terminals reconnect to the others.
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
      template: {
        metadata: {
          labels,
          annotations: {
            // Scraped on the metrics listener, not on the port the gateway reaches.
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(METRICS_PORT),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          ...pod,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SEC,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels },
            },
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels },
            },
          ],
        },
      },
    },
  });
}

function disruptionBudget(role: Role): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: { name: deploymentName(role), namespace: NAMESPACE, labels: roleLabels(role) },
    // A node drain takes one pod of a role at a time; the others keep serving.
    spec: { maxUnavailable: 1, selector: { matchLabels: roleLabels(role) } },
  });
}

function apiService(): Service {
  return new Service({
    metadata: { name: APP_NAME, namespace: NAMESPACE, labels: roleLabels('api') },
    spec: {
      type: 'ClusterIP',
      selector: roleLabels('api'),
      ports: [{ name: 'http', port: HTTP_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  });
}

/** Headless: Prometheus (and its adapter) find every pod of every role, the gateway does not. */
function metricsService(): Service {
  return new Service({
    metadata: {
      name: `${APP_NAME}-metrics`,
      namespace: NAMESPACE,
      labels: { 'app.kubernetes.io/name': APP_NAME, 'app.kubernetes.io/part-of': 'kiryana' },
    },
    spec: {
      clusterIP: 'None',
      selector: { 'app.kubernetes.io/name': APP_NAME, 'app.kubernetes.io/part-of': 'kiryana' },
      ports: [{ name: 'metrics', port: METRICS_PORT, targetPort: 'metrics', protocol: 'TCP' }],
    },
  });
}

function apiAutoscaler(): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name: deploymentName('api'), namespace: NAMESPACE, labels: roleLabels('api') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName('api') },
      minReplicas: ROLE_PLANS.api.replicas,
      maxReplicas: API_SCALING.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: API_SCALING.cpuUtilization },
          },
        },
        {
          // Served by prometheus-adapter from the pods' sync_streams_open gauge (custom.metrics.k8s.io);
          // without the adapter the HPA still scales on CPU and reports this metric as missing.
          type: 'Pods',
          pods: {
            metric: { name: 'sync_streams_open' },
            target: { type: 'AverageValue', averageValue: String(API_SCALING.streamsPerPod) },
          },
        },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 30,
          policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }],
        },
        // Scaling down closes streams (terminals reconnect elsewhere): slowly, one pod at a time.
        scaleDown: {
          stabilizationWindowSeconds: 600,
          policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }],
        },
      },
    },
  });
}

/** The sync server's roles: Deployments, Services, the api's HPA and every role's PDB. */
export class SyncServerChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    for (const role of Object.keys(ROLE_PLANS) as Role[]) {
      addModel(this, roleDeployment(role, ROLE_PLANS[role]));
      addModel(this, disruptionBudget(role));
    }
    addModel(this, apiService());
    addModel(this, metricsService());
    addModel(this, apiAutoscaler());
  }
}
