import { verifierKdfSchema } from '@kiryana/shared';
import { z } from 'zod';

/**
 * What the PIN gate keeps on the terminal, as RxDB local documents (not replicated, no collection of
 * their own: the terminal stays well under RxDB's collection limit). Every value is parsed on the
 * way out, so a damaged or older value falls back to "nothing stored" and never crashes the counter
 * — except the lockout, where unreadable means locked (fail closed).
 */
type PinKey = 'pin-verifiers' | 'pin-lockout' | 'pin-events';

/** Reads and writes small JSON values by key; the terminal's RxDB local documents in production. */
export type PinStorage = {
  read(key: PinKey): Promise<unknown>;
  write(key: PinKey, value: unknown): Promise<void>;
};

/** The local-document methods of any RxDB database, whatever its collections. */
type LocalDocuments = {
  getLocal(key: string): Promise<{ toJSON(): { data: { value: unknown } } } | null>;
  upsertLocal(key: string, data: { value: unknown }): Promise<unknown>;
};

/** PinStorage on an RxDB database opened with `localDocuments: true`. */
export function rxdbPinStorage(db: LocalDocuments): PinStorage {
  return {
    async read(key) {
      const doc = await db.getLocal(key);
      return doc?.toJSON().data.value;
    },
    async write(key, value) {
      await db.upsertLocal(key, { value });
    },
  };
}

/**
 * A person who may sign in at this counter, with what the terminal keeps of their PIN: the KDF
 * parameters and `sealed` = HMAC(PIN key, verifier) exactly as the server sent it. Records from
 * before PIN keys (a `peppered` PBKDF2 value) no longer parse, so they read as "nothing stored"
 * until the next contact replaces them.
 */
const storedPersonSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  permissions: z.array(z.string()),
  discountLimitBp: z.number().int().min(0).max(10_000),
  kdf: verifierKdfSchema,
  sealed: z.string().min(1),
  version: z.number().int().min(1),
});

/** A stored person. */
export type StoredPerson = z.infer<typeof storedPersonSchema>;

/** The store's verifiers as last received, peppered. */
export const storedVerifiersSchema = z.object({
  storeId: z.string().min(1),
  expiresAtMs: z.number().int(),
  people: z.array(storedPersonSchema),
});

/** Stored verifiers. */
export type StoredVerifiers = z.infer<typeof storedVerifiersSchema>;

/** Consecutive failures per person, and the PIN version they were counted against. */
export const lockoutSchema = z.record(
  z.string(),
  z.object({
    failures: z.number().int().min(0),
    version: z.number().int().min(1),
    lockedAtMs: z.number().int().nullable(),
  }),
);

/** The lockout state. */
export type Lockout = z.infer<typeof lockoutSchema>;
