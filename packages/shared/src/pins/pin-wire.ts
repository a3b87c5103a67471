import { z } from 'zod';

/**
 * The PIN routes' wire contract between terminals and the sync server (docs/security.md): the
 * store's sealed verifiers a terminal downloads, the PIN events it uploads, and its PIN key.
 */

/** What a terminal records about PIN use, for the store's audit chain. */
export const PIN_EVENT_KINDS = [
  'sign_in',
  'sign_in_failed',
  'locked',
  'unlocked',
  'authorised',
  'authorisation_failed',
] as const;

/** The counter actions a manager's PIN authorises. */
export const PIN_ACTIONS = ['void', 'refund', 'discount'] as const;

/** The most PIN events one upload may carry. */
export const MAX_PIN_EVENTS_PER_UPLOAD = 500;

/** A PIN event, recorded at the counter (possibly offline) and uploaded to `POST /v1/pins/events`. */
export const pinEventSchema = z.strictObject({
  id: z.uuid(),
  userId: z.string().min(1).max(64),
  kind: z.enum(PIN_EVENT_KINDS),
  action: z.enum(PIN_ACTIONS).nullable(),
  at: z.iso.datetime(),
});

/** A PIN event. */
export type PinEvent = z.infer<typeof pinEventSchema>;

/** The body of `POST /v1/pins/events`. */
export const pinEventsUploadSchema = z.strictObject({
  events: z.array(pinEventSchema).max(MAX_PIN_EVENTS_PER_UPLOAD),
});

/** The body of `PUT /v1/users/{id}/pin`; the PIN rule itself is checked by the service. */
export const setPinRequestSchema = z.strictObject({ pin: z.string().max(12) });

/**
 * The cost bounds of a verifier's KDF a terminal accepts: below them a guess would be cheap, above
 * them a sign-in would hang the counter (2^22 × 128 × r bytes is already 512 MiB at r = 1).
 */
export const verifierKdfSchema = z.object({
  salt: z.string().min(1),
  iterations: z.number().int().min(10_000).max(10_000_000),
  scrypt: z.object({
    salt: z.string().min(1),
    logN: z.number().int().min(10).max(20),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
  }),
});

/**
 * One person's entry in a store's PIN verifiers. `sealed` is HMAC-SHA256(device PIN key, verifier),
 * where verifier = scrypt(PBKDF2-SHA256(PIN)) with the parameters in `kdf`: without the key, which
 * only the terminal holds, nothing here can confirm a guessed PIN. Permissions stay plain strings,
 * so an older terminal still reads the verifiers of a server that knows more permissions.
 */
export const issuedVerifierSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  permissions: z.array(z.string()),
  discountLimitBp: z.number().int(),
  kdf: verifierKdfSchema.extend({ name: z.literal('PBKDF2-SHA256+scrypt') }),
  sealed: z.string().min(1),
  version: z.number().int(),
});

/** One person's issued verifier. */
export type IssuedVerifier = z.infer<typeof issuedVerifierSchema>;

/** The answer of `GET /v1/pins/verifiers`: what a terminal receives on each contact; it replaces what it had. */
export const storeVerifiersSchema = z.object({
  storeId: z.string().min(1),
  issuedAt: z.string(),
  expiresAt: z.string(),
  people: z.array(issuedVerifierSchema),
});

/** A store's issued verifiers. */
export type StoreVerifiers = z.infer<typeof storeVerifiersSchema>;

/** The answer of `POST /v1/devices/pin-key`. */
export const pinKeyResponseSchema = z.object({
  pinKey: z.string().min(1).describe('The device’s PIN key (32 bytes, base64url), shown once.'),
});
