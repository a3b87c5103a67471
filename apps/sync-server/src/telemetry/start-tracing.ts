import { register } from 'node:module';
import type { TracingSettings } from './tracing-env';

/**
 * Starts the OpenTelemetry SDK: spans of HTTP requests (@hono/otel, added by app.ts when tracing is
 * active) and of the SQL they run (pg), batched to the OTLP/HTTP endpoint of the standard variables
 * (OTEL_EXPORTER_OTLP_*; JSON, which every collector accepts). Packages are imported here, not at
 * the top, so a bundle of register.ts still loads none of them while tracing is off.
 */
export async function startTracing(settings: TracingSettings): Promise<void> {
  // `pg` is CommonJS imported from our ES modules: require hooks never see that load, so the
  // instrumentation also needs import-in-the-middle's loader hook. Limited to the modules an
  // instrumentation asks for (the message channel), it leaves every other import untouched.
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  const [{ NodeSDK }, { OTLPTraceExporter }, { PgInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-pg'),
  ]);
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter(),
    // Only queries inside a traced request: the relay, webhook dispatcher and jobs poll the
    // database all the time, and a root span per poll would drown the traces people look for.
    instrumentations: [new PgInstrumentation({ requireParentSpan: true })],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
}
