import { describe, expect, it } from 'vitest';
import { derivePinVerifier, toBase64Url, type VerifierKdf } from './pin-crypto';
import { createPinKdf, derivePinVerifierOffThread } from './pin-kdf';

const kdf: VerifierKdf = {
  salt: toBase64Url(new Uint8Array(16).fill(1)),
  iterations: 1_000,
  scrypt: { logN: 8, r: 8, p: 1, salt: toBase64Url(new Uint8Array(16).fill(2)) },
};

/** A stand-in worker that never answers and then fails, as one whose script cannot load. */
function failingWorker(): Worker {
  const target = new EventTarget();
  const worker = Object.assign(target, {
    posted: 0,
    postMessage() {
      worker.posted += 1;
      queueMicrotask(() => target.dispatchEvent(new Event('error')));
    },
    terminate() {},
  });
  return worker as unknown as Worker;
}

describe('the PIN KDF off the main thread', () => {
  it('derives in this thread where there is no Worker (Node), the same verifier', async () => {
    expect(typeof Worker).toBe('undefined');
    expect(await derivePinVerifierOffThread('4827', kdf)).toEqual(
      await derivePinVerifier('4827', kdf),
    );
  });

  it('falls back to this thread when the worker cannot be made or fails, for pending and later checks', async () => {
    const expected = await derivePinVerifier('4827', kdf);
    const throwing = createPinKdf(() => {
      throw new Error('SecurityError: worker scripts refused');
    });
    expect(await throwing('4827', kdf)).toEqual(expected);

    let made = 0;
    const failing = createPinKdf(() => {
      made += 1;
      return failingWorker();
    });
    expect(await failing('4827', kdf)).toEqual(expected);
    expect(await failing('4827', kdf)).toEqual(expected);
    // The failed worker is not started again for every PIN.
    expect(made).toBe(1);
  });
});
