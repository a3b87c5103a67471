import { pino, type DestinationStream, type Logger } from 'pino';
import { activeTraceFields } from '../telemetry/active-trace';

/** Log levels the server accepts in LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A LOG_LEVEL value. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * One JSON line per event on stdout (or `destination`), with ISO times, so log shippers parse it
 * without configuration. Request loggers are children carrying `requestId`; with tracing on, every
 * line written inside a span also carries its `traceId` and `spanId`.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'sync-server' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: activeTraceFields,
  };
  return destination ? pino(options, destination) : pino(options);
}
