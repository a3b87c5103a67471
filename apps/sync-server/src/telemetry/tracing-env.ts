/** What the server's tracing needs from the environment, once it is known to be on. */
export type TracingSettings = { readonly serviceName: string };

/** The service name spans carry when OTEL_SERVICE_NAME is not set. */
export const DEFAULT_SERVICE_NAME = 'kiryana-sync-server';

/**
 * Tracing is on only when an OTLP endpoint is configured with the standard OpenTelemetry variables
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT), so a server nobody collects
 * traces from never loads the SDK. OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none switch it
 * off again, as they do for any OpenTelemetry SDK.
 */
export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined;
  const endpoint =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  return { serviceName: env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME };
}
