import type { Actor } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { insertStores } from '../../testing/sync-fixtures';
import { verifyAuditLog } from '../audit/audit-verify';
import {
  type WebhooksDeps,
  changeSubscription,
  createSubscription,
  removeSubscription,
  replayMany,
  replayOne,
  rotateSecret,
} from './webhooks.service';

/** An HQ integration with client credentials, and a person at HQ: both may manage webhooks. */
const ERP: Actor = {
  id: 'erp',
  kind: 'integration',
  grants: [{ role: 'integration', scope: { kind: 'all' } }],
  extraPermissions: [{ permission: 'webhooks:manage', scope: { kind: 'all' } }],
};
const ASHA: Actor = {
  id: 'asha',
  kind: 'user',
  grants: [{ role: 'hq_admin', scope: { kind: 'all' } }],
};

type Entry = { kind: string; actor: string; subject: string | null; data: Record<string, unknown> };

describe.each(testDatabases())('webhooks audit entries on $name', (database) => {
  let db: TestDb;
  let deps: WebhooksDeps;
  const secrets: string[] = [];

  const entries = async (kindPrefix = 'webhook.'): Promise<Entry[]> => {
    const { rows } = await db.query<Entry>(
      `SELECT kind, actor, subject, data FROM audit_log
        WHERE kind LIKE $1 || '%' AND chain = 'global' ORDER BY seq`,
      [kindPrefix],
    );
    return rows;
  };

  beforeAll(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['s1a', 's1b']);
    deps = { db, clock: { now: () => Date.UTC(2026, 11, 7, 8) }, allowPrivateTargets: false };
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('records every change with its actor, in the change transaction, never a secret', async () => {
    const created = await createSubscription(deps, ERP, {
      url: 'https://erp.example.com/hooks?token=receiver-token',
      eventTypes: ['sale.recorded', 'sale.recorded'],
      storeIds: ['s1a'],
    });
    secrets.push(created.secret);
    const id = created.id;
    await changeSubscription(deps, ERP, id, {
      status: 'paused',
      eventTypes: ['stock.low'],
      storeIds: ['s1a', 's1b'],
      url: 'https://erp.example.com/v2/hooks',
    });
    const rotated = await rotateSecret(deps, ERP, id, 600);
    secrets.push(rotated.secret);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, store_id, store_seq,
         payload, status, created_at)
       VALUES ($1, gen_random_uuid(), 'stock.low', 's1a', 1, '{}', 'dead', '2026-12-07T07:00:00Z'),
              ($1, gen_random_uuid(), 'stock.low', 's1a', 2, '{}', 'delivered', '2026-12-07T07:01:00Z'),
              ($1, gen_random_uuid(), 'stock.low', 's1a', 3, '{}', 'dead', '2026-12-07T07:02:00Z')
       RETURNING id::text AS id`,
      [id],
    );
    await replayOne(deps, ERP, rows[0]?.id ?? '');
    // The first is pending again, so one dead delivery is left to replay.
    expect(await replayMany(deps, ERP, id, { status: 'dead' })).toBe(1);
    await removeSubscription(deps, ERP, id);

    const log = await entries();
    expect(log.map((e) => [e.kind, e.actor, e.subject])).toEqual([
      ['webhook.created', 'integration:erp', id],
      ['webhook.changed', 'integration:erp', id],
      ['webhook.secret_rotated', 'integration:erp', id],
      ['webhook.replayed', 'integration:erp', id],
      ['webhook.replayed_bulk', 'integration:erp', id],
      ['webhook.deleted', 'integration:erp', id],
    ]);
    const [create, change, rotate, one, bulk] = log.map((e) => e.data);
    expect(create).toEqual({
      url: 'https://erp.example.com/hooks?(redacted)',
      eventTypes: ['sale.recorded'],
      storeIds: ['s1a'],
      status: 'active',
    });
    expect(change).toEqual({
      before: create,
      after: {
        url: 'https://erp.example.com/v2/hooks',
        eventTypes: ['stock.low'],
        storeIds: ['s1a', 's1b'],
        status: 'paused',
      },
    });
    expect(rotate).toEqual({ previousSecretExpiresAt: rotated.previousSecretExpiresAt });
    expect(one).toMatchObject({ deliveryId: rows[0]?.id, count: 1 });
    expect(bulk).toEqual({ status: 'dead', from: null, to: null, count: 1 });
    const text = JSON.stringify(log);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice('whsec_'.length));
    }
    expect(text).not.toContain('receiver-token');
  });

  it('names the person who changed a subscription, and a refused change leaves no entry', async () => {
    const before = (await entries()).length;
    const created = await createSubscription(deps, ASHA, {
      url: 'https://bi.example.com/in',
      eventTypes: ['price.changed'],
    });
    // Another owner's subscription is not found: no change, no entry.
    await expect(removeSubscription(deps, ERP, created.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(replayMany(deps, ERP, created.id, {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Resuming a subscription the server disabled is refused; its entry rolls back with it.
    await db.query(`UPDATE webhook_subscriptions SET status = 'disabled' WHERE id = $1`, [
      created.id,
    ]);
    await expect(
      changeSubscription(deps, ASHA, created.id, { status: 'active' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await removeSubscription(deps, ASHA, created.id);
    const log = (await entries()).slice(before);
    expect(log.map((e) => [e.kind, e.actor, e.subject])).toEqual([
      ['webhook.created', 'user:asha', created.id],
      ['webhook.deleted', 'user:asha', created.id],
    ]);
    expect(log[1]?.data).toMatchObject({ status: 'disabled', storeIds: null });
  });

  it('keeps no change whose entry could not be written', async () => {
    const created = await createSubscription(deps, ERP, {
      url: 'https://erp.example.com/atomic',
      eventTypes: ['sale.recorded'],
    });
    // The real database, with its audit append failing inside the transaction: what the service
    // did before it in the transaction must roll back with it.
    const failing: WebhooksDeps = {
      ...deps,
      db: {
        ...db,
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              exec: (sql) => tx.exec(sql),
              query: (sql, params) =>
                sql.includes('audit_append')
                  ? tx.query('SELECT 1 / 0 AS refused')
                  : tx.query(sql, params),
            }),
          ),
      },
    };
    const before = (await entries()).length;
    await expect(
      createSubscription(failing, ERP, {
        url: 'https://erp.example.com/x',
        eventTypes: ['sale.recorded'],
      }),
    ).rejects.toThrow(/division by zero/);
    await expect(
      changeSubscription(failing, ERP, created.id, { status: 'paused' }),
    ).rejects.toThrow(/division by zero/);
    await expect(rotateSecret(failing, ERP, created.id)).rejects.toThrow(/division by zero/);
    await expect(removeSubscription(failing, ERP, created.id)).rejects.toThrow(/division by zero/);
    const { rows } = await db.query<{
      url: string;
      status: string;
      previous_secret: string | null;
    }>(`SELECT url, status, previous_secret FROM webhook_subscriptions WHERE owner_id = 'erp'`);
    expect(rows).toEqual([
      { url: 'https://erp.example.com/atomic', status: 'active', previous_secret: null },
    ]);
    expect((await entries()).length).toBe(before);
  });

  it('leaves the audit chains verifying', async () => {
    const verified = await verifyAuditLog(db);
    expect(verified.breaks).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.entries).toBeGreaterThanOrEqual(8);
  });
});
