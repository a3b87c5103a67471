import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  createServer,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type HqClient,
  type WebhookEvent,
  WebhookVerificationError,
  type WebhookVerifier,
  clientCredentials,
  createHqClient,
  createWebhookVerifier,
  type paths,
} from '@kiryana/hq-client';
import type { IntegrationConfig } from './env';

/**
 * A small HQ integration, end to end: an access token by client credentials, a webhook receiver
 * that verifies every delivery's Standard Webhooks signature and dedupes by `webhook-id`, a
 * subscription pointing at it, and a sales report through the typed client. `main.ts` runs it
 * from the command line; the sync server's tests run it against a real server.
 */

/** Where the example writes what happens. */
export type Log = (line: string) => void;

/** The answer of `GET /v1/admin/reports/sales`, as the generated types say. */
type SalesReport =
  paths['/v1/admin/reports/sales']['get']['responses'][200]['content']['application/json'];

/** A sales report's totals over the period and every store in reach. */
export type SalesTotals = SalesReport['totals'];

/** Counts of the receiver, since it started. */
export type ReceiverStats = {
  /** Deliveries that verified and were new. */
  readonly accepted: number;
  /** Deliveries that verified but whose `webhook-id` had been seen (a retry or a replay). */
  readonly duplicates: number;
  /** Deliveries whose signature or timestamp did not verify: answered 401, never believed. */
  readonly refused: number;
};

/** The integration while it runs. */
export type RunningIntegration = {
  /** The URL the subscription delivers to. */
  readonly receiverUrl: string;
  readonly subscriptionId: string;
  readonly client: HqClient;
  /** The verified events, each once, in the order they arrived. */
  events(): readonly WebhookEvent[];
  stats(): ReceiverStats;
  /** The first received event `predicate` holds for, waiting up to `timeoutMs` for it. */
  waitForEvent(
    predicate: (event: WebhookEvent) => boolean,
    timeoutMs?: number,
  ): Promise<WebhookEvent>;
  /** Net sales per store between two business dates (`YYYY-MM-DD`), printed and returned. */
  pullNetSales(from: string, to: string): Promise<SalesTotals>;
  /** Deletes the subscription and closes the receiver. */
  stop(): Promise<void>;
};

const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the receiver, gets a token, subscribes, and returns the running integration. */
export async function startIntegration(
  config: IntegrationConfig,
  log: Log = (line) => {
    process.stdout.write(`${line}\n`);
  },
): Promise<RunningIntegration> {
  const tokens = clientCredentials({
    issuer: config.issuer ?? (await trustedIssuer(config.serverUrl)),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
  });
  const client = createHqClient({ baseUrl: config.serverUrl, getToken: tokens.getToken });

  const received: WebhookEvent[] = [];
  const seen = new Set<string>();
  const stats = { accepted: 0, duplicates: 0, refused: 0 };
  const waiters = new Set<(event: WebhookEvent) => void>();
  // Unknown until the subscription exists: deliveries before that get 503 and come again.
  let verifier: WebhookVerifier | undefined;

  /** What to answer a delivery: 2xx acknowledges it, anything else makes the server retry. */
  function receive(body: Buffer, headers: IncomingHttpHeaders): number {
    if (!verifier) return 503;
    let event: WebhookEvent;
    try {
      // The raw bytes, not re-serialised JSON: the signature covers exactly what was sent.
      event = verifier.verify(body, headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      stats.refused += 1;
      log(`refused a delivery: ${error.message}`);
      return 401;
    }
    // At least once: a retry or a replay carries the same webhook-id (the event id).
    const id = String(headers['webhook-id']);
    if (seen.has(id)) {
      stats.duplicates += 1;
      return 204;
    }
    seen.add(id);
    stats.accepted += 1;
    received.push(event);
    log(describeEvent(event));
    for (const waiter of waiters) waiter(event);
    return 204;
  }

  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    readBody(request).then(
      (body) => {
        const status = receive(body, request.headers);
        response.writeHead(status, status === 503 ? { 'retry-after': '1' } : {}).end();
      },
      () => {
        response.writeHead(413).end();
      },
    );
  });
  const receiverUrl = await listen(server, config);
  log(`receiver listening at ${receiverUrl}`);

  let subscriptionId: string;
  try {
    const created = await client.POST('/v1/webhooks/subscriptions', {
      body: {
        url: receiverUrl,
        eventTypes: [...config.eventTypes],
        description: 'Kiryana example HQ integration (examples/hq-integration)',
      },
    });
    if (!created.data) {
      throw new Error(
        `could not subscribe (HTTP ${created.response.status}): ${JSON.stringify(created.error)}`,
      );
    }
    verifier = createWebhookVerifier(created.data.secret);
    subscriptionId = created.data.id;
    log(`subscribed ${subscriptionId} to ${created.data.eventTypes.join(', ')}`);
  } catch (error) {
    await close(server);
    throw error;
  }

  return {
    receiverUrl,
    subscriptionId,
    client,
    events: () => [...received],
    stats: () => ({ ...stats }),
    waitForEvent(predicate, timeoutMs = 30_000) {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no such event within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (event: WebhookEvent) => {
          if (!predicate(event)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(event);
        };
        waiters.add(waiter);
      });
    },
    async pullNetSales(from, to) {
      const { data, error, response } = await client.GET('/v1/admin/reports/sales', {
        params: { query: { from, to, groupBy: 'store' } },
      });
      if (!data) {
        throw new Error(`sales report failed (HTTP ${response.status}): ${JSON.stringify(error)}`);
      }
      log(`net sales ${from} to ${to}:`);
      const width = Math.max(10, ...data.rows.map((row) => row.label.length));
      for (const row of data.rows) {
        log(`  ${row.label.padEnd(width)} ${money(row.netMinor).padStart(14)}  ${row.bills} bills`);
      }
      log(`  ${'all stores'.padEnd(width)} ${money(data.totals.netMinor).padStart(14)}`);
      return data.totals;
    },
    async stop() {
      const deleted = await client.DELETE('/v1/webhooks/subscriptions/{id}', {
        params: { path: { id: subscriptionId } },
      });
      if (!deleted.response.ok)
        log(`could not delete ${subscriptionId}: HTTP ${deleted.response.status}`);
      await close(server);
    },
  };
}

/** The issuer the server takes tokens of (no token needed to ask). */
async function trustedIssuer(serverUrl: string): Promise<string> {
  const { data, response } = await createHqClient({ baseUrl: serverUrl }).GET('/v1/admin/config');
  if (!data) throw new Error(`GET /v1/admin/config failed (HTTP ${response.status})`);
  return data.issuer;
}

/** One line per event, the way an ERP's log might show it. */
function describeEvent(event: WebhookEvent): string {
  const where = `${event.storeId} #${event.storeSeq}`;
  switch (event.type) {
    case 'sale.recorded':
      return `${event.type} ${where}: bill ${event.data.invoiceNo}, ${money(event.data.totalMinor, event.data.currency)}, ${event.data.lineCount} lines`;
    case 'stock.low':
      return `${event.type} ${where}: ${event.data.productId} down to ${event.data.qtyBase} (reorder at ${event.data.reorderLevelBase})`;
    default:
      return `${event.type} ${where}: ${JSON.stringify(event.data)}`;
  }
}

/** Minor units as currency text, e.g. 2100 → ₹21.00. */
function money(minor: number, currency = 'INR'): string {
  return new Intl.NumberFormat('en-IN', { style: 'currency', currency }).format(minor / 100);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

async function listen(server: Server, config: IntegrationConfig): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.receiverPort, config.receiverHost, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.receiverHost.includes(':') ? `[${config.receiverHost}]` : config.receiverHost;
  return config.receiverUrl ?? `http://${host}:${String(port)}/webhooks`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}
