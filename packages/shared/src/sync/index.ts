export * from './collections';
export * from './protocol';
export * from './health-report';
export * from './headers';
export * from './device-wire';
export * from './sync-health';
export * from './id-checksum';
export * from './endpoint-failover';
