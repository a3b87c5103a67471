/**
 * electron-builder's custom Windows signing hook (win.signtoolOptions.sign in
 * electron-builder.config.ts) for a chain whose code-signing key lives in an HSM behind its own
 * signing service, so the key never reaches the build machine. electron-builder calls `sign`
 * once per file to sign (the app's .exe, the uninstaller, the installer) with
 * `{ path, hash, isNest }`; the file at `path` must be signed in place when it returns.
 *
 * The service contract (the chain implements it in front of its HSM, e.g. with signtool + a
 * KSP/PKCS#11 provider or Azure Key Vault / Cloud KMS):
 *   POST $KIRYANA_SIGN_SERVICE_URL
 *   authorization: Bearer $KIRYANA_SIGN_SERVICE_TOKEN
 *   content-type: application/octet-stream; x-file-name: <name>; x-hash-algorithm: sha256
 *   body: the unsigned file → 200 with the Authenticode-signed, time-stamped file as the body.
 * Anything else stops the build: an unsigned installer must never be published.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

// Installers of a few hundred MB take a while through an HSM; a hung service must still end.
const TIMEOUT_MS = 10 * 60_000;

/**
 * Signs one file through the signing service described above.
 * @param {{ path: string; hash: string; isNest: boolean }} task electron-builder's sign task
 * @param {Readonly<Record<string, string | undefined>>} env where the service's address and token are
 * @param {typeof fetch} [fetchImpl]
 */
export async function signThroughService(task, env, fetchImpl = fetch) {
  const url = env.KIRYANA_SIGN_SERVICE_URL;
  const token = env.KIRYANA_SIGN_SERVICE_TOKEN;
  if (!url || !token) {
    throw new Error(
      'Windows signing through the signing service is not configured: set KIRYANA_SIGN_SERVICE_URL ' +
        'and KIRYANA_SIGN_SERVICE_TOKEN, or sign with a .pfx through CSC_LINK/CSC_KEY_PASSWORD ' +
        'instead (docs/releasing-terminal.md).',
    );
  }
  // One SHA-256 signature per file (signingHashAlgorithms in the config): no nested signatures.
  if (task.isNest || task.hash !== 'sha256') return;
  const unsigned = await readFile(task.path);
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'x-file-name': basename(task.path),
      'x-hash-algorithm': 'sha256',
    },
    body: unsigned,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) {
    throw new Error(
      `The signing service refused ${basename(task.path)}: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`,
    );
  }
  const signed = Buffer.from(await response.arrayBuffer());
  // A signed PE file starts with "MZ" like the unsigned one and is larger (the signature is
  // appended); anything else is an error page, not a program.
  if (signed.length <= unsigned.length || signed.subarray(0, 2).toString('latin1') !== 'MZ') {
    throw new Error(
      `The signing service answered ${basename(task.path)} with something that is not a signed program (${signed.length} bytes).`,
    );
  }
  await writeFile(task.path, signed);
}

/**
 * The hook electron-builder calls: it imports this file and takes its export named `sign`.
 * @param {{ path: string; hash: string; isNest: boolean }} task
 */
export function sign(task) {
  // eslint-disable-next-line no-restricted-properties -- electron-builder calls this hook with no way to pass settings in
  return signThroughService(task, process.env);
}
