import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { addModel } from './objects';
import { migrateContainer, serverPodSpec } from './server-container';
import { IMAGE, NAMESPACE, roleLabels } from './settings';

/** One Job per image tag: a release's migration is a new object, the old one stays as a record. */
const MIGRATION_JOB = `kiryana-migrate-${IMAGE.split(':')[1]?.replaceAll('.', '-') ?? 'dev'}`;

/**
 * The schema migration, applied and waited for before the Deployments
 * (`kubectl wait --for=condition=complete job/<name>`, docs/deployment.md). Should a pod start
 * first anyway, its /readyz stays 503 while a migration is pending, and the migrations hold an
 * advisory lock, so a server and the Job never apply the same one twice.
 */
export class MigrationChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    const labels = roleLabels('migrate');
    const pod = serverPodSpec(
      migrateContainer({ cpuRequest: '250m', memory: '512Mi', heapMb: 384 }),
    );
    addModel(
      this,
      new Job({
        metadata: { name: MIGRATION_JOB, namespace: NAMESPACE, labels },
        spec: {
          backoffLimit: 3,
          activeDeadlineSeconds: 900,
          ttlSecondsAfterFinished: 7 * 24 * 3600,
          template: {
            metadata: { labels },
            spec: { ...pod, restartPolicy: 'Never' },
          },
        },
      }),
    );
  }
}
