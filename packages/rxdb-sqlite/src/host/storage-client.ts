/**
 * Browser side of the Node host: an RxStorage that forwards every call over the WebSocket.
 * Safe to bundle for browsers (it pulls in no Node module).
 */
import {
  getRxStorageRemoteWebsocket,
  type RxStorageRemoteWebsocketClient,
} from 'rxdb/plugins/storage-remote-websocket';

/** The storage a browser renderer passes to createRxDatabase; `url` comes from the host. */
export function getStorageHostClient(url: string): RxStorageRemoteWebsocketClient {
  return getRxStorageRemoteWebsocket({ url, mode: 'storage' });
}
