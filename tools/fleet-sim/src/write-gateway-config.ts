import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRODUCTION_GATEWAY, renderGatewayConfig } from './haproxy-config';

/**
 * `pnpm --filter @kiryana/fleet-sim gateway:config`: writes the documented production HAProxy
 * configuration, deploy/haproxy/haproxy.cfg, from the same renderer the gateway tests run, so
 * the file cannot drift from what was tested (haproxy-gateway.test.ts fails when it is stale).
 */
const target = fileURLToPath(new URL('../../../deploy/haproxy/haproxy.cfg', import.meta.url));
mkdirSync(fileURLToPath(new URL('../../../deploy/haproxy/', import.meta.url)), { recursive: true });
writeFileSync(target, renderGatewayConfig(PRODUCTION_GATEWAY));
process.stdout.write(`wrote ${target}\n`);
