/**
 * Loaded before the server with `node --import` (see docs/operations.md#tracing-and-alerts):
 *
 *   node --import ./dist/telemetry.mjs dist/server.mjs
 *   node --import tsx --import ./src/telemetry/register.ts src/server.ts
 *
 * It must run first: the pg instrumentation patches `pg` as it is loaded, so the SDK has to be
 * started before the server imports it. Without an OTLP endpoint in the environment it returns
 * after reading three variables; the SDK is imported only when tracing is on.
 */
import { tracingSettings } from './tracing-env';

const settings = tracingSettings();
if (settings) {
  const { startTracing } = await import('./start-tracing');
  await startTracing(settings);
}
