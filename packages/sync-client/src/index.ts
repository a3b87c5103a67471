/**
 * The client side of Kiryana's sync protocol on web-standard APIs only (fetch, ReadableStream,
 * TextDecoder), so the same code runs in a browser, the Electron renderer and Node.
 */
export * from './sse';
