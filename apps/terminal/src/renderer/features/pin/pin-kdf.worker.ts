import { derivePinVerifier } from './pin-crypto';
import type { PinKdfReply, PinKdfRequest } from './pin-kdf';

/**
 * The PIN KDF's thread: scrypt over 128 MiB takes about a second of one core, which on the
 * renderer's main thread would freeze the screen. Each request is answered with the verifier (its
 * buffer transferred, not copied) or the error's message.
 */
globalThis.addEventListener('message', (event: MessageEvent<PinKdfRequest>) => {
  const { id, pin, kdf } = event.data;
  derivePinVerifier(pin, kdf).then(
    (verifier) => {
      const reply: PinKdfReply = { id, verifier };
      globalThis.postMessage(reply, { transfer: [verifier.buffer] });
    },
    (error: unknown) => {
      const reply: PinKdfReply = {
        id,
        error: error instanceof Error ? error.message : String(error),
      };
      globalThis.postMessage(reply);
    },
  );
});
