import { z } from 'zod';

/**
 * The parts of CloudNativePG's `postgresql.cnpg.io/v1` Cluster and ScheduledBackup that these
 * manifests use, as zod schemas. No CRD schema is available offline to the tests (the operator's
 * CRDs are not an npm package), so these are written by hand from the CRD's OpenAPI
 * (config/crd/bases/postgresql.cnpg.io_clusters.yaml and _scheduledbackups.yaml, operator 1.27+):
 * its required fields, enums and patterns. Unknown keys are refused (strict), so a misspelt field
 * fails here instead of being silently ignored by the API server.
 */

const quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti)?$/, 'a Kubernetes quantity');
const secretKey = z.strictObject({ name: z.string().min(1), key: z.string().min(1) });
const objectMeta = z.object({ name: z.string().min(1), namespace: z.string().min(1) });

const barmanObjectStore = z.strictObject({
  destinationPath: z.string().regex(/^(s3|gs|https?):\/\//, 'an object store URL'),
  endpointURL: z.url().optional(),
  serverName: z.string().optional(),
  s3Credentials: z
    .strictObject({
      accessKeyId: secretKey.optional(),
      secretAccessKey: secretKey.optional(),
      region: secretKey.optional(),
      sessionToken: secretKey.optional(),
      inheritFromIAMRole: z.boolean().optional(),
    })
    .optional(),
  wal: z
    .strictObject({
      compression: z.enum(['bzip2', 'gzip', 'lz4', 'snappy', 'xz', 'zstd']).optional(),
      maxParallel: z.number().int().min(1).optional(),
    })
    .optional(),
  data: z
    .strictObject({
      compression: z.enum(['bzip2', 'gzip', 'lz4', 'snappy', 'xz', 'zstd']).optional(),
      jobs: z.number().int().min(1).optional(),
      immediateCheckpoint: z.boolean().optional(),
    })
    .optional(),
});

export const cnpgClusterSchema = z.strictObject({
  apiVersion: z.literal('postgresql.cnpg.io/v1'),
  kind: z.literal('Cluster'),
  metadata: objectMeta,
  spec: z.strictObject({
    instances: z.number().int().min(1),
    imageName: z.string().regex(/^[^:]+:[^:]+$/, 'an image with an explicit tag'),
    primaryUpdateStrategy: z.enum(['unsupervised', 'supervised']).optional(),
    bootstrap: z
      .strictObject({
        initdb: z.strictObject({
          database: z.string().min(1),
          owner: z.string().min(1),
          dataChecksums: z.boolean().optional(),
        }),
      })
      .optional(),
    postgresql: z
      .strictObject({
        parameters: z.record(z.string(), z.string()).optional(),
        synchronous: z
          .strictObject({
            method: z.enum(['any', 'first']),
            number: z.number().int().min(1),
            dataDurability: z.enum(['required', 'preferred']).optional(),
            failoverQuorum: z.boolean().optional(),
          })
          .optional(),
      })
      .optional(),
    storage: z.strictObject({ size: quantity, storageClass: z.string().optional() }),
    walStorage: z.strictObject({ size: quantity, storageClass: z.string().optional() }).optional(),
    resources: z
      .strictObject({
        requests: z.record(z.string(), quantity).optional(),
        limits: z.record(z.string(), quantity).optional(),
      })
      .optional(),
    affinity: z
      .strictObject({
        enablePodAntiAffinity: z.boolean().optional(),
        podAntiAffinityType: z.enum(['preferred', 'required']).optional(),
        topologyKey: z.string().optional(),
      })
      .optional(),
    backup: z
      .strictObject({
        retentionPolicy: z.string().regex(/^[1-9][0-9]*[dwm]$/, 'such as 30d'),
        barmanObjectStore,
      })
      .optional(),
  }),
});

export const cnpgScheduledBackupSchema = z.strictObject({
  apiVersion: z.literal('postgresql.cnpg.io/v1'),
  kind: z.literal('ScheduledBackup'),
  metadata: objectMeta,
  spec: z.strictObject({
    // Six fields: CloudNativePG's cron has seconds first.
    schedule: z.string().regex(/^(\S+\s+){5}\S+$/, 'a six-field cron schedule'),
    cluster: z.strictObject({ name: z.string().min(1) }),
    immediate: z.boolean().optional(),
    method: z.enum(['barmanObjectStore', 'volumeSnapshot', 'plugin']).optional(),
    backupOwnerReference: z.enum(['none', 'self', 'cluster']).optional(),
  }),
});
