import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { components } from './schema';

/** Any event a webhook delivers (the envelope of docs/events.md), told apart by `type`. */
export type WebhookEvent = components['schemas']['WebhookEvent'];

/** The event type names, e.g. `sale.recorded`. */
export type WebhookEventType = WebhookEvent['type'];

/** The event of one type. */
export type WebhookEventOf<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>;

/** Thrown when a delivery's signature or timestamp does not verify. */
export { WebhookVerificationError };

/** Headers as Node's `IncomingMessage` or a fetch `Request` has them. */
type DeliveryHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Checks deliveries of one subscription. */
export type WebhookVerifier = {
  /**
   * The event of a delivery whose signature verifies under one of the secrets and whose timestamp
   * is within 5 minutes of this machine's clock; throws `WebhookVerificationError` otherwise.
   * `body` must be the raw request body, byte for byte (not re-serialised JSON).
   */
  verify(body: string | Uint8Array, headers: DeliveryHeaders): WebhookEvent;
};

const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * A verifier for the subscription's secret(s) (`whsec_…`), per the Standard Webhooks
 * specification with its reference library. While a rotated secret overlaps the new one the server
 * signs with both, so either secret alone verifies; pass both while you switch.
 */
export function createWebhookVerifier(secrets: string | readonly string[]): WebhookVerifier {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) throw new Error('createWebhookVerifier needs at least one secret');
  const webhooks = list.map((secret) => new Webhook(secret));
  return {
    verify(body, headers) {
      const picked = signatureHeaders(headers);
      let failure: unknown;
      for (const webhook of webhooks) {
        try {
          return webhook.verify(body, picked) as WebhookEvent;
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    },
  };
}

function signatureHeaders(headers: DeliveryHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of SIGNATURE_HEADERS) {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    const text = typeof value === 'string' ? value : value?.join(' ');
    if (typeof text !== 'string') throw new WebhookVerificationError(`Missing ${name} header`);
    picked[name] = text;
  }
  return picked;
}
