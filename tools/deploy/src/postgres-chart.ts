import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { NAMESPACE, PG_BACKUP_SECRET, PG_CLUSTER } from './settings';

/**
 * CloudNativePG's image with barman-cloud inside ("system" flavour: the in-tree
 * barmanObjectStore backups need it). Major 15: the version the tests run on.
 */
const POSTGRES_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:15.14-system-trixie';
const BACKUP_BUCKET = 's3://kiryana-pg-backups/';

/**
 * HA Postgres through the CloudNativePG operator: three instances on different nodes, quorum
 * synchronous replication (a commit waits for one standby; a failover needs the quorum) and
 * continuous WAL archiving plus a nightly base backup to object storage. No typed model exists
 * offline for these CRDs, so they are plain objects; the test checks them with a zod schema
 * written from the CRD's required fields.
 */
export class PostgresChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    new ApiObject(this, 'cluster', {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: PG_CLUSTER, namespace: NAMESPACE },
      spec: {
        instances: 3,
        imageName: POSTGRES_IMAGE,
        primaryUpdateStrategy: 'unsupervised',
        // The -app Secret (uri, password...) the pods read as DATABASE_URL.
        bootstrap: { initdb: { database: 'app', owner: 'app', dataChecksums: true } },
        postgresql: {
          parameters: {
            // ~16 server pods x a pool of 10, the migration Job and the operator's own.
            max_connections: '300',
            shared_buffers: '2GB',
            effective_cache_size: '6GB',
            work_mem: '16MB',
          },
          synchronous: { method: 'any', number: 1, dataDurability: 'required' },
        },
        storage: { size: '200Gi' },
        walStorage: { size: '20Gi' },
        resources: {
          requests: { cpu: '2', memory: '8Gi' },
          limits: { memory: '8Gi' },
        },
        affinity: { enablePodAntiAffinity: true, podAntiAffinityType: 'required' },
        backup: {
          retentionPolicy: '30d',
          barmanObjectStore: {
            destinationPath: BACKUP_BUCKET,
            s3Credentials: {
              accessKeyId: { name: PG_BACKUP_SECRET, key: 'ACCESS_KEY_ID' },
              secretAccessKey: { name: PG_BACKUP_SECRET, key: 'ACCESS_SECRET_KEY' },
            },
            wal: { compression: 'gzip', maxParallel: 4 },
            data: { compression: 'gzip' },
          },
        },
      },
    });
    new ApiObject(this, 'scheduled-backup', {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ScheduledBackup',
      metadata: { name: `${PG_CLUSTER}-nightly`, namespace: NAMESPACE },
      spec: {
        // CloudNativePG's cron has a seconds field: 02:00:00 every day.
        schedule: '0 0 2 * * *',
        immediate: true,
        method: 'barmanObjectStore',
        backupOwnerReference: 'self',
        cluster: { name: PG_CLUSTER },
      },
    });
  }
}
