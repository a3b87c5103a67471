import { enrollResponseSchema } from '@kiryana/shared';
import { z } from 'zod';

/**
 * The device credential: what `POST /v1/devices/enroll` answered, plus the server it came from.
 * The platform keeps it encrypted at rest (Electron safeStorage, or the Node host's file); it is
 * the only thing that binds a terminal to its store.
 */
export const deviceCredentialSchema = enrollResponseSchema.extend({
  serverUrl: z.url(),
  /**
   * The PIN key the server handed out with the credential: PIN verifiers arrive sealed under it.
   * Absent in credentials from before PIN keys; the terminal then fetches it once.
   */
  pinKey: z.string().min(1).optional(),
});

/** A device credential. */
export type DeviceCredential = z.infer<typeof deviceCredentialSchema>;
