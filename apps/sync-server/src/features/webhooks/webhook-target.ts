import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@kiryana/shared';

/**
 * Where the server may send webhooks. A webhook URL is chosen by a client, so a server that posts
 * to any URL is a tool for reaching what only the server can reach (SSRF): cloud metadata at
 * 169.254.169.254, an admin port on loopback, the office LAN. Unless private targets are allowed
 * (WEBHOOK_ALLOW_PRIVATE_URLS; the default outside NODE_ENV=production, so tests and the example
 * integration run on localhost), a URL naming such an address is refused when subscribing, and
 * every send resolves the host again and refuses if any address it gets is private (a name may
 * point elsewhere since it was checked).
 */

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address (v4, v6, or v4-mapped v6) is loopback, private, link-local or the like. */
function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6');
  return false;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Refuses (400) a subscription URL naming a private address or localhost, unless allowed. */
export function assertPublicUrl(text: string, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const host = hostOf(new URL(text)).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The webhook URL points to a private or loopback address.',
      { fields: [{ path: 'url', message: 'a public http(s) address' }] },
    );
  }
}

/** Throws when the URL's host resolves to any private address (checked before every send). */
export async function assertPublicTarget(url: URL): Promise<void> {
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) {
    throw new Error(`refused: ${host} resolves to a private address`);
  }
}
