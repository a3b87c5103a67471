export * from './collections';
export * from './protocol';
export * from './health-report';
