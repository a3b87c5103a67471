import { z } from 'zod';
import { calendarDateSchema } from '../input/input-schemas';

/**
 * What a terminal reports about itself with `POST /v1/fleet/report` (device token), once per sync
 * cycle at most. The store and device come from the credential, never from the body; the server
 * takes its own clock at receipt minus `clientTime` as the terminal's clock skew. Every field
 * added after the first version is optional, so terminals of older versions still report.
 */

/** The last request to the server that failed, as the terminal saw it. */
export const syncErrorReportSchema = z.strictObject({
  /** The error envelope's code, or NETWORK / OFFLINE when no answer came. */
  code: z.string().min(1).max(64),
  message: z.string().max(500),
  /** When it failed, on the terminal's clock (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
});

/** The last sync error a terminal reports. */
export type SyncErrorReport = z.infer<typeof syncErrorReportSchema>;

/** Why a reconciliation ran. */
export const RECONCILE_REASONS = ['daily', 'epoch', 'manual'] as const;

/** Why a reconciliation ran: the first sync of a business day, a new server epoch, or asked. */
export type ReconcileReason = (typeof RECONCILE_REASONS)[number];

/**
 * How a reconciliation ended: `clean` nothing was missing; `repaired` documents were re-pushed and
 * the server's counts and checksums now equal the terminal's; `mismatch` some days still differ
 * after re-pushing (e.g. a re-pushed document quarantined, or documents the terminal no longer
 * has); `failed` the comparison could not be made (server unreachable).
 */
export const RECONCILE_STATUSES = ['clean', 'repaired', 'mismatch', 'failed'] as const;

/** The outcome of a terminal's last reconciliation with the server's sync health. */
export const reconcileOutcomeSchema = z.strictObject({
  /** When it finished, on the terminal's clock (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
  reason: z.enum(RECONCILE_REASONS),
  status: z.enum(RECONCILE_STATUSES),
  /** The business dates compared, inclusive. */
  from: calendarDateSchema,
  to: calendarDateSchema,
  /** Days whose counts or checksums differed before re-pushing. */
  daysDiffering: z.number().int().min(0).max(366),
  /** Documents (sales, returns, movements) sent again through the normal push. */
  repushed: z.number().int().min(0).max(10_000_000),
  /** Re-pushed documents the server put into quarantine. */
  quarantined: z.number().int().min(0).max(10_000_000),
  /** Days that still differ afterwards (at most 31 listed). */
  stillDiffering: z.array(calendarDateSchema).max(31),
  /** Why it failed, when it did. */
  error: z.string().max(500).optional(),
});

/** A reconciliation's outcome. */
export type ReconcileOutcome = z.infer<typeof reconcileOutcomeSchema>;

/** The body of `POST /v1/fleet/report`. */
export const healthReportSchema = z.strictObject({
  /** The terminal's own clock when it sent the report (ISO 8601). */
  clientTime: z.iso.datetime({ offset: true }),
  /** Facts (sales, returns, stock movements) waiting in its push queue. */
  unsyncedDocuments: z.number().int().min(0).max(10_000_000),
  appVersion: z.string().max(40).default(''),
  /** When the oldest of those facts was made (its age is what the fleet view warns about). */
  oldestUnsyncedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** The last failed sync request since the last success, or null when the last one succeeded. */
  lastError: syncErrorReportSchema.nullable().optional(),
  /** The last reconciliation, or null when none ran yet. */
  lastReconciliation: reconcileOutcomeSchema.nullable().optional(),
  /** The sync endpoint it talks to now: another region's after a fail-over (issue 20). */
  endpoint: z.url().max(200).nullable().optional(),
});

/** A terminal's health report as it goes on the wire. */
export type HealthReport = z.input<typeof healthReportSchema>;

/** A health report as the server parsed it (defaults applied). */
export type ReceivedHealthReport = z.output<typeof healthReportSchema>;
