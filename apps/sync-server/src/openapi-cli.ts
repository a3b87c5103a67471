import { serverOpenApiDocument } from './app';
import { identityOperations } from './features/identity/identity-operations';

/**
 * Prints the OpenAPI document of a server with identity (what `GET /openapi.json` answers) to
 * stdout, without a database or a socket: `@kiryana/hq-client` generates its types from it.
 * `http/openapi-webhooks.test.ts` checks it equals the document a real server serves.
 */
process.stdout.write(
  `${JSON.stringify(serverOpenApiDocument({ identity: { operations: identityOperations } }), null, 2)}\n`,
);
