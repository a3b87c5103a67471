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
