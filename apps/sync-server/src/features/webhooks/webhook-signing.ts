import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): a secret is `whsec_` + base64 of
 * random bytes; a delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256>` of
 * `<id>.<timestamp>.<body>`. During a rotation's overlap it lists a signature per live secret, so a
 * receiver holding either secret verifies.
 */

/** A new signing secret (24 random bytes, as the spec recommends 24–64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Signers by secret: making one decodes the secret, and a subscription's deliveries all use the
 * same one or two. Bounded: cleared when it grows past the number of live secrets one expects.
 */
const signers = new Map<string, Webhook>();
const MAX_SIGNERS = 10_000;

function signerOf(secret: string): Webhook {
  let signer = signers.get(secret);
  if (!signer) {
    if (signers.size >= MAX_SIGNERS) signers.clear();
    signer = new Webhook(secret);
    signers.set(secret, signer);
  }
  return signer;
}

/** The headers of one delivery, signed with every secret given (newest first). */
export function signedHeaders(
  secrets: readonly string[],
  eventId: string,
  at: Date,
  body: string,
): Record<string, string> {
  const signature = secrets.map((secret) => signerOf(secret).sign(eventId, at, body)).join(' ');
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}
