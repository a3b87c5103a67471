import { z } from 'zod';

/**
 * Enrolment and access tokens of terminals (`/v1/devices`), as the server checks them and the
 * terminal decodes them.
 */

/** Body of `POST /v1/devices/enroll`. */
export const enrollRequestSchema = z.strictObject({
  code: z.string().min(1).max(32).describe('The one-time enrolment code, e.g. 7KQ2M-X9D4P.'),
  terminalName: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .describe('A name people recognise, e.g. "Counter 2".'),
});

/** Answer of `POST /v1/devices/enroll`: the device credential, shown once. */
export const enrollResponseSchema = z.object({
  deviceId: z.string().min(1),
  deviceSecret: z
    .string()
    .min(1)
    .describe('Keep it encrypted at rest; the server stores only its hash.'),
  pinKey: z
    .string()
    .min(1)
    .describe(
      'The device’s PIN key (32 bytes, base64url), shown once: PIN verifiers reach the terminal only sealed under it. Keep it encrypted at rest beside the secret.',
    ),
  storeId: z.string().min(1),
  storeCode: z.string().min(1),
  regionId: z.string().min(1),
  terminalCode: z
    .string()
    .min(1)
    .describe('T1, T2 … within the store; part of the invoice series.'),
  endpoints: z
    .array(z.url())
    .min(1)
    .max(8)
    .optional()
    .describe(
      'The sync endpoints of the store’s region in fail-over order, home first (issue 20). Absent: use only the server enrolled with.',
    ),
});

/** A device credential as enrolment answers it. */
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/** Body of `POST /v1/devices/token` (and of `POST /v1/devices/pin-key`). */
export const tokenRequestSchema = z.strictObject({
  deviceId: z.string().min(1).max(64),
  secret: z.string().min(1).max(128),
});

/** Answer of `POST /v1/devices/token`. */
export const tokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().positive().describe('Seconds until the token expires.'),
  expiresAt: z.string(),
});
