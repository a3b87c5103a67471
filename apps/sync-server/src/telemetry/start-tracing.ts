import { provideRequestTracing } from './request-tracing';
import type { TracingSettings } from './tracing-env';

/**
 * Starts the OpenTelemetry SDK: spans of HTTP requests (@hono/otel, handed to app.ts through
 * request-tracing.ts) and of the SQL they run (pg), batched to the OTLP/HTTP endpoint of the standard variables
 * (OTEL_EXPORTER_OTLP_*; JSON, which every collector accepts). Packages are imported here, not at
 * the top, so a bundle of register.ts still loads none of them while tracing is off.
 */
export async function startTracing(settings: TracingSettings): Promise<void> {
  // `pg` is CommonJS, imported from our ES modules: Node loads it through the CommonJS loader,
  // whose require hook the instrumentation sets, so no ESM loader hook (import-in-the-middle) is
  // needed; tracing.test.ts fails if the SQL spans go missing, compiled or under tsx.
  const [
    { NodeSDK },
    { OTLPTraceExporter },
    { PgInstrumentation },
    { httpInstrumentationMiddleware },
  ] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@hono/otel'),
  ]);
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter(),
    // Only queries inside a traced request: the relay, webhook dispatcher and jobs poll the
    // database all the time, and a root span per poll would drown the traces people look for.
    instrumentations: [new PgInstrumentation({ requireParentSpan: true })],
  });
  sdk.start();
  // app.ts puts it first, so the request log line and every query run inside carry the trace.
  provideRequestTracing(httpInstrumentationMiddleware({ captureActiveRequests: false }));
}
