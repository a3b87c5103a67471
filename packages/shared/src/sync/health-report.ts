import { z } from 'zod';

/**
 * What a terminal reports about itself with `POST /v1/fleet/report` (device token), once per sync
 * cycle at most. The store and device come from the credential, never from the body; the server
 * takes its own clock at receipt minus `clientTime` as the terminal's clock skew.
 */
export const healthReportSchema = z.strictObject({
  /** The terminal's own clock when it sent the report (ISO 8601). */
  clientTime: z.iso.datetime({ offset: true }),
  /** Facts (sales, returns, stock movements) waiting in its push queue. */
  unsyncedDocuments: z.number().int().min(0).max(10_000_000),
  appVersion: z.string().max(40).default(''),
});

/** A terminal's health report as it goes on the wire. */
export type HealthReport = z.input<typeof healthReportSchema>;
