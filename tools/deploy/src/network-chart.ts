import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { addModel } from './objects';
import {
  APP_NAME,
  GATEWAY_NAMESPACE,
  HTTP_PORT,
  METRICS_PORT,
  MONITORING_NAMESPACE,
  NAMESPACE,
  NATS_CLIENT_PORT,
  NATS_RELEASE,
  PG_CLUSTER,
  roleLabels,
} from './settings';

/** Every pod of the server, whatever its role (and the migration Job's). */
const allServerPods = { matchLabels: { 'app.kubernetes.io/name': APP_NAME } };

const namespaceNamed = (name: string) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});

/** Pod labels of the database and the bus, as their operators and charts set them. */
const POSTGRES_POD_LABELS = { 'cnpg.io/cluster': PG_CLUSTER };
const NATS_POD_LABELS = {
  'app.kubernetes.io/name': 'nats',
  'app.kubernetes.io/instance': NATS_RELEASE,
};

/** Private ranges left out of the public HTTPS egress (webhook targets must be public). */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'];

function policy(name: string, spec: NetworkPolicy['spec']): NetworkPolicy {
  return new NetworkPolicy({ metadata: { name, namespace: NAMESPACE }, spec });
}

/**
 * Default deny for the server's pods, then only: the gateway to the api's HTTP port, Prometheus
 * to every role's metrics port, and out to DNS, Postgres, NATS, an OTLP collector in the
 * monitoring namespace and public HTTPS (webhooks to HQ, an external OpenID issuer's keys). Kubelet probes come from the node and are not affected.
 */
export class NetworkChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    addModel(
      this,
      policy(`${APP_NAME}-default-deny`, {
        podSelector: allServerPods,
        policyTypes: ['Ingress', 'Egress'],
      }),
    );
    addModel(
      this,
      policy(`${APP_NAME}-api-from-gateway`, {
        podSelector: { matchLabels: roleLabels('api') },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [namespaceNamed(GATEWAY_NAMESPACE)],
            ports: [{ port: HTTP_PORT, protocol: 'TCP' }],
          },
        ],
      }),
    );
    addModel(
      this,
      policy(`${APP_NAME}-metrics-from-monitoring`, {
        podSelector: allServerPods,
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [namespaceNamed(MONITORING_NAMESPACE)],
            ports: [{ port: METRICS_PORT, protocol: 'TCP' }],
          },
        ],
      }),
    );
    addModel(
      this,
      policy(`${APP_NAME}-egress`, {
        podSelector: allServerPods,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                ...namespaceNamed('kube-system'),
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
          {
            to: [{ podSelector: { matchLabels: POSTGRES_POD_LABELS } }],
            ports: [{ port: 5432, protocol: 'TCP' }],
          },
          {
            to: [{ podSelector: { matchLabels: NATS_POD_LABELS } }],
            ports: [{ port: NATS_CLIENT_PORT, protocol: 'TCP' }],
          },
          {
            // An OpenTelemetry collector beside Prometheus (OTLP over gRPC or HTTP), if traced.
            to: [namespaceNamed(MONITORING_NAMESPACE)],
            ports: [
              { port: 4317, protocol: 'TCP' },
              { port: 4318, protocol: 'TCP' },
            ],
          },
          {
            to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }],
            ports: [{ port: 443, protocol: 'TCP' }],
          },
        ],
      }),
    );
  }
}
