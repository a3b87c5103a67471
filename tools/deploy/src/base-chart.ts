import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { addModel } from './objects';
import { CONFIG_MAP, NAMESPACE, NATS_CLIENT_PORT, NATS_RELEASE, SERVICE_ACCOUNT } from './settings';

/** The public address used in the samples; every installation sets its own (docs/deployment.md). */
const PUBLIC_URL = 'https://sync.kiryana.example';

/**
 * What differs per installation but is not secret (apps/sync-server/src/env.ts names). The
 * Secrets the pods read are not here: they are created by hand or by a secret manager, and
 * CloudNativePG writes the database one (docs/deployment.md, "Secrets").
 */
const SERVER_CONFIG: Readonly<Record<string, string>> = {
  PUBLIC_URL,
  // The admin web is served by the server under /admin.
  ADMIN_REDIRECT_URIS: `${PUBLIC_URL}/admin/auth/callback`,
  NATS_URL: `nats://${NATS_RELEASE}.${NAMESPACE}.svc.cluster.local:${NATS_CLIENT_PORT}`,
  LOG_LEVEL: 'info',
  OUTBOX_RETENTION_DAYS: '7',
  WEBHOOK_ALLOW_PRIVATE_URLS: 'false',
};

/** The namespace, the pods' service account and the server's ConfigMap. */
export class BaseChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    addModel(
      this,
      new Namespace({
        metadata: {
          name: NAMESPACE,
          // Pod Security Admission: the server's pods meet `restricted`; the NATS chart's pods do
          // not by default (root user, no seccomp profile), so `baseline` is enforced and
          // `restricted` only warned about and audited.
          labels: {
            'pod-security.kubernetes.io/enforce': 'baseline',
            'pod-security.kubernetes.io/warn': 'restricted',
            'pod-security.kubernetes.io/audit': 'restricted',
          },
        },
      }),
    );
    addModel(
      this,
      new ServiceAccount({
        metadata: { name: SERVICE_ACCOUNT, namespace: NAMESPACE },
        automountServiceAccountToken: false,
      }),
    );
    addModel(
      this,
      new ConfigMap({
        metadata: { name: CONFIG_MAP, namespace: NAMESPACE },
        data: { ...SERVER_CONFIG },
      }),
    );
  }
}
