import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_NAME, tracingSettings } from './tracing-env';

describe('tracing settings', () => {
  it('are off without an OTLP endpoint, so register.ts loads nothing', () => {
    expect(tracingSettings({})).toBeUndefined();
    expect(tracingSettings({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(
      undefined,
    );
  });

  it('are on with either standard endpoint variable, named kiryana-sync-server by default', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      serviceName: DEFAULT_SERVICE_NAME,
    });
    expect(
      tracingSettings({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
        OTEL_SERVICE_NAME: 'sync-api-eu',
      }),
    ).toEqual({ serviceName: 'sync-api-eu' });
  });

  it('stay off when the SDK or its trace exporter is switched off the standard way', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toBeUndefined();
    expect(tracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'false' })).toBeDefined();
  });
});
