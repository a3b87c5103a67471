import { derivePinVerifier, type VerifierKdf } from './pin-crypto';

/**
 * Derives PIN verifiers off the main thread. The gate calls `derivePinVerifierOffThread` exactly as
 * it would `derivePinVerifier`; the work runs in one dedicated module worker (pin-kdf.worker.ts,
 * bundled by Vite) started on first use. Where no Worker exists (Node, the unit tests) or the
 * worker cannot start (e.g. a host that refuses worker scripts), the same derivation runs in
 * this thread: slower for the screen, never a refused PIN.
 */

/** A request to the worker. */
export type PinKdfRequest = { id: number; pin: string; kdf: VerifierKdf };

/** The worker's answer to request `id`. */
export type PinKdfReply =
  { id: number; verifier: Uint8Array<ArrayBuffer> } | { id: number; error: string };

/** Derives a PIN's verifier; the shape of `derivePinVerifier`. */
export type PinKdf = (pin: string, kdf: VerifierKdf) => Promise<Uint8Array<ArrayBuffer>>;

type Pending = {
  pin: string;
  kdf: VerifierKdf;
  resolve: (verifier: Uint8Array<ArrayBuffer>) => void;
  reject: (error: unknown) => void;
};

/**
 * A KDF over a worker made by `createWorker`, or in this thread when it returns null or throws.
 * A worker that fails (its script did not load) is dropped for good, and what it had pending is
 * derived in this thread, so a cashier is never left waiting on it.
 */
export function createPinKdf(createWorker: () => Worker | null): PinKdf {
  let worker: Worker | null | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const inThread = (request: Pending) => {
    derivePinVerifier(request.pin, request.kdf).then(request.resolve, request.reject);
  };
  const abandon = () => {
    worker?.terminate();
    worker = null;
    const stranded = [...pending.values()];
    pending.clear();
    stranded.forEach(inThread);
  };
  const start = (): Worker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = createWorker();
    } catch {
      worker = null;
    }
    worker?.addEventListener('message', (event: MessageEvent<PinKdfReply>) => {
      const reply = event.data;
      const request = pending.get(reply.id);
      if (request === undefined) return;
      pending.delete(reply.id);
      if ('verifier' in reply) request.resolve(reply.verifier);
      else request.reject(new Error(reply.error));
    });
    worker?.addEventListener('error', abandon);
    worker?.addEventListener('messageerror', abandon);
    return worker;
  };

  return (pin, kdf) =>
    new Promise((resolve, reject) => {
      const request: Pending = { pin, kdf, resolve, reject };
      const running = start();
      if (running === null) {
        inThread(request);
        return;
      }
      nextId += 1;
      pending.set(nextId, request);
      const message: PinKdfRequest = { id: nextId, pin, kdf };
      running.postMessage(message);
    });
}

/** The terminal's PIN KDF: the bundled worker in a browser or Electron, this thread elsewhere. */
export const derivePinVerifierOffThread: PinKdf = createPinKdf(() =>
  typeof Worker === 'undefined'
    ? null
    : new Worker(new URL('./pin-kdf.worker.ts', import.meta.url), { type: 'module' }),
);
