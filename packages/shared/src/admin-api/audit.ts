import { z } from 'zod';

/** The answer of `GET /v1/audit/verify`: the audit chains recomputed, naming each first break. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  chains: z.number().int(),
  entries: z.number().int(),
  breaks: z.array(
    z.object({
      chain: z.string(),
      seq: z.number().int(),
      problem: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'missing', 'head_mismatch']),
    }),
  ),
});

/** An audit verification. */
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** One entry of an audit chain, with its hash and the previous entry's. */
export const auditEntrySchema = z.object({
  chain: z.string(),
  seq: z.number().int(),
  atMs: z.number().int(),
  kind: z.string(),
  actor: z.string(),
  storeId: z.string().nullable(),
  subject: z.string().nullable(),
  data: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

/** An audit entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A chain's seq and hash at one entry. */
const chainPoint = z.object({ seq: z.number().int(), hash: z.string() });

/** One chain's part of an export, with what proves it continues the chain. */
export const auditChainSegmentSchema = z.object({
  chain: z.string(),
  /** The entry before the period (seq and hash), where recomputation starts. */
  anchor: chainPoint,
  entries: z.array(auditEntrySchema),
  /** The chain's head when exported, so the auditor sees whether the segment is its end. */
  head: chainPoint,
});

/** The answer of `GET /v1/audit/export` (JSON): a period's entries grouped by chain. */
export const auditExportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** How an auditor recomputes the chain. */
  algorithm: z.string(),
  truncated: z.boolean(),
  chains: z.array(auditChainSegmentSchema),
});

/** An audit export. */
export type AuditExport = z.infer<typeof auditExportSchema>;
