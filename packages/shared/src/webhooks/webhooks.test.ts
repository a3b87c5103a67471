import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../events/event-types';
import { webhookDeliveryQuerySchema } from './webhook-delivery';
import {
  createWebhookSubscriptionSchema,
  rotateWebhookSecretSchema,
  updateWebhookSubscriptionSchema,
} from './webhook-subscription';

const ok = (body: unknown) => createWebhookSubscriptionSchema.safeParse(body).success;

describe('webhook wire schemas', () => {
  it('takes http(s) URLs without credentials and known event types only', () => {
    expect(ok({ url: 'https://erp.example.com/hooks', eventTypes: ['sale.recorded'] })).toBe(true);
    expect(ok({ url: 'http://127.0.0.1:8080/x', eventTypes: [...EVENT_TYPES] })).toBe(true);
    expect(ok({ url: 'ftp://erp.example.com/', eventTypes: ['sale.recorded'] })).toBe(false);
    expect(ok({ url: 'https://user:pw@erp.example.com/', eventTypes: ['sale.recorded'] })).toBe(
      false,
    );
    expect(ok({ url: '/relative', eventTypes: ['sale.recorded'] })).toBe(false);
    expect(ok({ url: 'https://erp.example.com/', eventTypes: [] })).toBe(false);
    expect(ok({ url: 'https://erp.example.com/', eventTypes: ['sale.made'] })).toBe(false);
    expect(ok({ url: 'https://erp.example.com/', eventTypes: ['sale.recorded'], x: 1 })).toBe(
      false,
    );
  });

  it('lets a change clear the stores (null) and pause, never disable', () => {
    expect(updateWebhookSubscriptionSchema.parse({ storeIds: null, status: 'paused' })).toEqual({
      storeIds: null,
      status: 'paused',
    });
    expect(updateWebhookSubscriptionSchema.safeParse({ status: 'disabled' }).success).toBe(false);
  });

  it('bounds a rotation overlap to 7 days and pages the log from 1 to 500', () => {
    expect(rotateWebhookSecretSchema.safeParse({ overlapSeconds: 7 * 86_400 }).success).toBe(true);
    expect(rotateWebhookSecretSchema.safeParse({ overlapSeconds: 7 * 86_400 + 1 }).success).toBe(
      false,
    );
    expect(webhookDeliveryQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(webhookDeliveryQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
    expect(webhookDeliveryQuerySchema.safeParse({ cursor: '0' }).success).toBe(false);
  });
});
