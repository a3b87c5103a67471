import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The trace and span of the code running now, for a log line (pino's mixin), so a line found in
 * the logs leads to its trace and back. Empty when tracing is off or outside any span.
 */
export function activeTraceFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/**
 * Sends the spans still waiting in the batch, before a stopping server exits (which would drop
 * them, and with them the traces of the last requests). Does nothing when tracing is off. The
 * API's global provider is a proxy in front of the SDK's, which alone can flush.
 */
export async function flushTraces(): Promise<void> {
  const global: unknown = trace.getTracerProvider();
  const provider = hasMethod(global, 'getDelegate') ? global.getDelegate() : global;
  if (hasMethod(provider, 'forceFlush')) await provider.forceFlush();
}

function hasMethod<K extends string>(value: unknown, name: K): value is Record<K, () => unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[name] === 'function'
  );
}

/** The span attribute holding the request id the gateway (or the caller) sent in X-Request-Id. */
export const REQUEST_ID_ATTRIBUTE = 'kiryana.request_id';

/**
 * Marks the request's span with its request id, so a trace is found from the id a gateway log or a
 * terminal's error report shows. Does nothing outside a span (tracing off).
 */
export function tagSpanWithRequestId(requestId: string): void {
  trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
}
