/**
 * The client side of Kiryana's sync protocol: the one replication client the terminal ships, the
 * fleet simulator runs and the server's protocol tests drive. Requests go through an injected
 * fetch and web-standard streams (ReadableStream, TextDecoder), so the same code runs in a
 * browser, the Electron renderer and Node. RxDB and rxjs are peers: the app's own copies.
 */
export * from './device-api';
export * from './device-credential';
export * from './hint-stream';
export * from './network-status';
export * from './outbox';
export * from './pull-all';
export * from './reconcile';
export * from './reconcile-schedule';
export * from './reconcile-source';
export * from './replication';
export * from './snapshot-load';
export * from './sse';
export * from './sync-api';
export * from './sync-endpoints';
export * from './sync-http';
export * from './sync-paths';
export { collectionCreatorOf } from './collection-creator';
