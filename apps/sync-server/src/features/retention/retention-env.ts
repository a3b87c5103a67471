import { z } from 'zod';

/** Whole days, 1 to 3650 (ten years), with a message that says so. */
const days = z.coerce
  .number({ message: 'a whole number of days' })
  .int('a whole number of days')
  .min(1, 'at least 1 day')
  .max(3650, 'at most 3650 days');

/**
 * The environment variables of the retention job (retention-job.ts), as a zod shape env.ts spreads
 * into its one schema; read by processes with the `jobs` role (docs/operations.md, "Retention").
 * WEBHOOK_DELIVERY_RETENTION_DAYS: days a delivered or dead webhook delivery (and its attempts)
 * stays in the delivery log and can be replayed. NOTIFICATION_RETENTION_DAYS: days a notification
 * stays after its event, read or not.
 */
export const retentionEnvShape = {
  WEBHOOK_DELIVERY_RETENTION_DAYS: days.default(30),
  NOTIFICATION_RETENTION_DAYS: days.default(90),
};
