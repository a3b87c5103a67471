import type { WebhookEventType } from '@kiryana/hq-client';

/** What the example needs to know, read from the environment once (README, "Run it"). */
export type IntegrationConfig = {
  /** The sync server, e.g. `http://localhost:8787` (what `pnpm start` prints). */
  readonly serverUrl: string;
  /** The integration's OpenID client (`hq-erp-demo` and the secret `pnpm start` prints). */
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * The OpenID issuer; unset: the one the server trusts, as `GET /v1/admin/config` says (its
   * embedded provider at `<PUBLIC_URL>/oidc` under `pnpm start`).
   */
  readonly issuer: string | undefined;
  /** Where the webhook receiver listens (default 127.0.0.1:4400; 0 picks a free port). */
  readonly receiverHost: string;
  readonly receiverPort: number;
  /**
   * The receiver's URL as the server reaches it (default `http://<host>:<port>/webhooks`); set it
   * when the server reaches this machine by another name or through a tunnel.
   */
  readonly receiverUrl: string | undefined;
  /** The event types to subscribe to. */
  readonly eventTypes: readonly WebhookEventType[];
};

/** Reads the configuration from `source` (default: the process environment). */
export function readConfig(
  source: Readonly<Record<string, string | undefined>> = process.env,
): IntegrationConfig {
  const missing = ['SERVER_URL', 'CLIENT_ID', 'CLIENT_SECRET'].filter((name) => !source[name]);
  if (missing.length > 0) {
    throw new Error(
      `Set ${missing.join(', ')} (README: pnpm start prints the demo integration's id and secret).`,
    );
  }
  const serverUrl = (source.SERVER_URL ?? '').replace(/\/+$/, '');
  const port = Number(source.RECEIVER_PORT ?? '4400');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`RECEIVER_PORT must be a port number, not ${source.RECEIVER_PORT ?? ''}`);
  }
  return {
    serverUrl,
    clientId: source.CLIENT_ID ?? '',
    clientSecret: source.CLIENT_SECRET ?? '',
    issuer: source.OIDC_ISSUER || undefined,
    receiverHost: source.RECEIVER_HOST ?? '127.0.0.1',
    receiverPort: port,
    receiverUrl: source.RECEIVER_URL || undefined,
    eventTypes: (source.EVENT_TYPES ?? 'sale.recorded,stock.low')
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type !== '') as WebhookEventType[],
  };
}
