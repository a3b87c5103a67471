import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningIntegration, startIntegration } from '@kiryana/example-hq-integration';
import type { Sale } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveOperatorToken } from './auth/device-token';
import { parseEnv } from './env';
import { integrationClientSecret } from './features/identity/oidc-adapter';
import { deriveKey } from './features/identity/signing-keys';
import { DEMO_INTEGRATION_CLIENT_ID } from './features/seed/demo-users';
import { startServer } from './server';
import { billLine, paidBill, saleOfBill } from './testing/sync-fixtures';

/**
 * The runnable HQ example (examples/hq-integration) against the real thing `pnpm start` runs: the
 * server started in-process on a fresh PGlite folder with the demo data, its embedded OpenID
 * provider, outbox relay, bus and webhook dispatcher. A terminal enrolled with an operator code
 * pushes a bill; the example, which knows only the server's URL and the demo integration's client
 * id and secret, must receive it signed, verify it, keep it once, and see it in the sales report.
 */

const SECRET = randomBytes(32).toString('base64url');
/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());

describe('the example HQ integration against a running server', () => {
  let dir: string;
  let server: { url: string; stop: () => Promise<void> };
  let integration: RunningIntegration;
  const log: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiryana-hq-example-'));
    server = await startServer(
      parseEnv({
        DATA_DIR: dir,
        // A known port, as under `pnpm start`: the embedded issuer's URL holds it.
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'development',
        DEVICE_TOKEN_SECRET: SECRET,
      }),
    );
    // What `pnpm start` prints in its banner, derived here from the secret the server was given.
    const clientSecret = integrationClientSecret(
      deriveKey(SECRET, 'kiryana oidc client secrets v1'),
      DEMO_INTEGRATION_CLIENT_ID,
      1,
    );
    integration = await startIntegration(
      {
        serverUrl: server.url,
        clientId: DEMO_INTEGRATION_CLIENT_ID,
        clientSecret,
        // Unset, as in the README: the example asks the server which issuer it trusts.
        issuer: undefined,
        receiverHost: '127.0.0.1',
        receiverPort: 0,
        receiverUrl: undefined,
        eventTypes: ['sale.recorded', 'stock.low'],
      },
      (line) => log.push(line),
    );
  }, 180_000);

  afterAll(async () => {
    await integration.stop();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Enrols a terminal of the demo store with an operator code and takes its access token. */
  async function enrolTerminal(): Promise<{
    token: string;
    storeId: string;
    terminalCode: string;
  }> {
    const post = async (path: string, body: unknown, token?: string) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBeLessThan(300);
      return (await response.json()) as Record<string, string>;
    };
    const { code } = await post(
      '/v1/operator/enrolment-codes',
      { storeCode: 'BLR1' },
      deriveOperatorToken(SECRET),
    );
    const enrolled = await post('/v1/devices/enroll', { code, terminalName: 'HQ example test' });
    const { accessToken } = await post('/v1/devices/token', {
      deviceId: enrolled.deviceId,
      secret: enrolled.deviceSecret,
    });
    return {
      token: accessToken ?? '',
      storeId: enrolled.storeId ?? '',
      terminalCode: enrolled.terminalCode ?? '',
    };
  }

  it('receives a pushed bill as a verified sale.recorded event, once, and sees it in the report', async () => {
    expect(integration.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks$/);
    const before = await integration.pullNetSales(today, today);

    const terminal = await enrolTerminal();
    const auth = { authorization: `Bearer ${terminal.token}` };
    const products = (await (
      await fetch(`${server.url}/v1/sync/products/pull?limit=1`, { headers: auth })
    ).json()) as { documents: { id: string }[] };
    const productId = products.documents[0]?.id ?? '';
    const sale: Sale = saleOfBill(terminal.storeId, paidBill([billLine(productId, 2, 4_500)]), {
      terminalId: terminal.terminalCode,
      businessDate: today,
      createdAt: new Date().toISOString(),
    });
    const pushed = await fetch(`${server.url}/v1/sync/sales/push`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: sale }]),
    });
    expect([pushed.status, await pushed.json()]).toEqual([200, []]);

    const event = await integration.waitForEvent(
      (e) => e.type === 'sale.recorded' && e.data.saleId === sale.id,
      30_000,
    );
    expect(event).toMatchObject({
      type: 'sale.recorded',
      storeId: terminal.storeId,
      data: { saleId: sale.id, invoiceNo: sale.invoiceNo, totalMinor: sale.totals.totalMinor },
    });
    expect(log).toContain(
      `sale.recorded ${terminal.storeId} #${event.storeSeq}: bill ${sale.invoiceNo}, ₹90.00, 1 lines`,
    );

    const after = await integration.pullNetSales(today, today);
    expect(after.bills).toBe(before.bills + 1);
    expect(after.netMinor - before.netMinor).toBe(sale.totals.netMinor);
  });

  it('receives stock.low when a bill takes a product down to its reorder level', async () => {
    const terminal = await enrolTerminal();
    const auth = { authorization: `Bearer ${terminal.token}` };
    const pull = async <T>(collection: string) =>
      (
        (await (
          await fetch(`${server.url}/v1/sync/${collection}/pull?limit=1000`, { headers: auth })
        ).json()) as { documents: T[] }
      ).documents;
    const levels = new Map(
      (await pull<{ productId: string; qtyBase: number }>('stock-levels')).map((l) => [
        l.productId,
        l.qtyBase,
      ]),
    );
    // A product above its reorder level, sold down to exactly that level (at or below crosses).
    const product = (await pull<{ id: string; reorderLevelBase: number }>('products')).find(
      (p) => p.reorderLevelBase > 0 && (levels.get(p.id) ?? 0) > p.reorderLevelBase,
    );
    if (!product) throw new Error('the demo store has no product above its reorder level');
    const level = levels.get(product.id) ?? 0;
    const sale: Sale = saleOfBill(
      terminal.storeId,
      paidBill([billLine(product.id, level - product.reorderLevelBase, 100)]),
      {
        terminalId: terminal.terminalCode,
        businessDate: today,
        createdAt: new Date().toISOString(),
      },
    );
    const pushed = await fetch(`${server.url}/v1/sync/sales/push`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: sale }]),
    });
    expect(pushed.status).toBe(200);
    const low = await integration.waitForEvent(
      (e) => e.type === 'stock.low' && e.data.productId === product.id,
      30_000,
    );
    expect(low).toMatchObject({
      storeId: terminal.storeId,
      data: { qtyBase: product.reorderLevelBase, reorderLevelBase: product.reorderLevelBase },
    });
  });

  it('keeps a replayed delivery once (same webhook-id) and refuses a forged one', async () => {
    const { client, subscriptionId } = integration;
    const deliveries = await client.GET('/v1/webhooks/subscriptions/{id}/deliveries', {
      params: { path: { id: subscriptionId }, query: { status: 'delivered' } },
    });
    const delivered = deliveries.data?.items.find((d) => d.eventType === 'sale.recorded');
    expect(delivered?.eventId).toBeDefined();
    const accepted = integration.stats().accepted;

    const replay = await client.POST('/v1/webhooks/deliveries/{id}/replay', {
      params: { path: { id: delivered?.id ?? '' } },
    });
    expect(replay.response.ok).toBe(true);
    await expect
      .poll(() => integration.stats().duplicates, { timeout: 30_000, interval: 100 })
      .toBe(1);
    expect(integration.stats().accepted).toBe(accepted);

    // A body signed with another secret: answered 401 and never taken for an event.
    const forged = await fetch(integration.receiverUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': delivered?.eventId ?? '',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': `v1,${randomBytes(32).toString('base64')}`,
      },
      body: JSON.stringify(integration.events()[0]),
    });
    expect(forged.status).toBe(401);
    expect(integration.stats()).toMatchObject({ accepted, duplicates: 1, refused: 1 });
    expect(integration.events().map((e) => e.id)).toEqual([
      ...new Set(integration.events().map((e) => e.id)),
    ]);
  });
});
