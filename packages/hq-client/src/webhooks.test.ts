import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError, createWebhookVerifier } from './webhooks';

const OLD_SECRET = `whsec_${Buffer.from('old-secret-0123456789abcdef0123').toString('base64')}`;
const NEW_SECRET = `whsec_${Buffer.from('new-secret-0123456789abcdef0123').toString('base64')}`;

const event = {
  id: '0c8f4a6e-1f7b-3d2a-9e55-6b0c3f1d2a47',
  type: 'stock.low',
  version: 1,
  storeId: 'store-pune-01',
  regionId: 'region-west',
  occurredAt: '2026-12-07T07:55:10.032Z',
  storeSeq: '1903',
  data: { productId: 'p-atta-5kg', qtyBase: 4, reorderLevelBase: 5 },
};

/** A delivery as the server makes it: the Standard Webhooks headers, one signature per secret. */
function delivery(secrets: readonly string[], at = new Date(), body = JSON.stringify(event)) {
  const signature = secrets.map((secret) => new Webhook(secret).sign(event.id, at, body)).join(' ');
  return {
    body,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

describe('createWebhookVerifier', () => {
  it('returns the event of a delivery signed with the secret, from plain or fetch headers', () => {
    const { body, headers } = delivery([NEW_SECRET]);
    const verifier = createWebhookVerifier(NEW_SECRET);
    expect(verifier.verify(body, headers)).toEqual(event);
    expect(verifier.verify(new TextEncoder().encode(body), new Headers(headers))).toEqual(event);
  });

  it('refuses a changed body, another secret, a stale timestamp and missing headers', () => {
    const verifier = createWebhookVerifier(NEW_SECRET);
    const { body, headers } = delivery([NEW_SECRET]);
    expect(() => verifier.verify(body.replace('"qtyBase":4', '"qtyBase":40'), headers)).toThrow(
      WebhookVerificationError,
    );
    const other = delivery([OLD_SECRET]);
    expect(() => verifier.verify(other.body, other.headers)).toThrow(WebhookVerificationError);
    const stale = delivery([NEW_SECRET], new Date(Date.now() - 10 * 60_000));
    expect(() => verifier.verify(stale.body, stale.headers)).toThrow(WebhookVerificationError);
    const { 'webhook-signature': _dropped, ...unsigned } = headers;
    expect(() => verifier.verify(body, unsigned)).toThrow(WebhookVerificationError);
  });

  it('verifies during a rotation: a delivery signed with both secrets passes either one, and a receiver holding both passes either delivery', () => {
    const both = delivery([OLD_SECRET, NEW_SECRET]);
    expect(createWebhookVerifier(OLD_SECRET).verify(both.body, both.headers)).toEqual(event);
    expect(createWebhookVerifier(NEW_SECRET).verify(both.body, both.headers)).toEqual(event);
    const switching = createWebhookVerifier([NEW_SECRET, OLD_SECRET]);
    const oldOnly = delivery([OLD_SECRET]);
    expect(switching.verify(oldOnly.body, oldOnly.headers)).toEqual(event);
  });
});
