export * from './collections';
export * from './protocol';
