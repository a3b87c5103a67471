/**
 * `pnpm bench`: what a stolen terminal access token is worth against cashier PINs. It builds the
 * real app on PGlite with the real migrations and the production scrypt cost, enrols a terminal,
 * sets a cashier's PIN, and downloads everything a device token can read about PINs
 * (`GET /v1/pins/verifiers`). Then it prices an offline attacker's guesses:
 *
 * (a) with the download alone: a guess yields scrypt(PBKDF2(guess)), but the download holds only
 *     HMAC-SHA256(PIN key, verifier) under a 256-bit key it does not contain; nothing confirms a
 *     guess, and finding the key is 2^255 HMACs on average.
 * (b) with the terminal's PIN key too (a stolen counter PC with its credential): the cost of one
 *     guess on one core (PBKDF2 100k + scrypt + HMAC, node:crypto), and the expected time to find
 *     one 4-digit and one 6-digit PIN among those the server accepts, against the old scheme
 *     (bare PBKDF2 100k, downloadable by any token) measured in the same run.
 *
 * BENCH_PIN_GUESSES sets how many guesses each figure times (best of them, default 5).
 */
import { createHmac, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { pinProblem } from '@kiryana/shared';
import { insertPerson, openIdentityTestApp } from '../src/features/identity/identity-test-kit';
import { insertCounterAssignment } from '../src/features/pins/counter-staff.queries';
import { PIN_ITERATIONS, PIN_SCRYPT, derivePinVerifier } from '../src/features/pins/pin-kdf';
import { upsertPin } from '../src/features/pins/pin.queries';
import type { StoreVerifiers } from '@kiryana/shared';
import { insertStores } from '../src/testing/sync-fixtures';
import { testDatabases } from '../src/testing/test-databases';
import { benchSizes } from './bench-env';

const GUESSES = benchSizes.pinGuesses;
const SECRET_PIN = '4827';

/** Milliseconds of the fastest of `runs` calls (one core, synchronous). */
function bestMs(runs: number, fn: (i: number) => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** PINs of `digits` digits the server accepts (trivial ones are refused when set). */
function acceptedPins(digits: number): number {
  let count = 0;
  for (let n = 0; n < 10 ** digits; n += 1) {
    if (pinProblem(String(n).padStart(digits, '0')) === null) count += 1;
  }
  return count;
}

function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} days`;
}

async function main(): Promise<void> {
  const pglite = testDatabases().find((d) => d.name === 'pglite');
  if (!pglite) throw new Error('PGlite test database unavailable');
  const t = await openIdentityTestApp(pglite, { pinScrypt: PIN_SCRYPT });
  try {
    await insertStores(t.db, 'r1', ['s1']);
    await insertPerson(
      t.db,
      { id: 'asha', displayName: 'Asha', role: 'cashier', scope: { kind: 'store', storeId: 's1' } },
      'bench',
    );
    await upsertPin(t.db, 'asha', await derivePinVerifier(SECRET_PIN, PIN_SCRYPT), t.clock.now());
    await insertCounterAssignment(t.db, 's1', 'asha', 'bench', t.clock.now());
    const device = await t.enrolDevice('s1');
    const accessToken = device.token;

    // Everything the token can read about PINs.
    const answer = await t.app.request('/v1/pins/verifiers', {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const download = (await answer.json()) as StoreVerifiers;
    const asha = download.people[0];
    if (answer.status !== 200 || !asha) throw new Error(`no verifiers (${String(answer.status)})`);
    const { kdf, sealed } = asha;
    const cost = { N: 2 ** kdf.scrypt.logN, r: kdf.scrypt.r, p: kdf.scrypt.p };
    const maxmem = 256 * 1024 * 1024;
    const verifierOf = (pin: string) => {
      const inner = pbkdf2Sync(
        pin,
        Buffer.from(kdf.salt, 'base64url'),
        kdf.iterations,
        32,
        'sha256',
      );
      return scryptSync(inner, Buffer.from(kdf.scrypt.salt, 'base64url'), 32, { ...cost, maxmem });
    };
    const sealWith = (key: Buffer, verifier: Buffer) =>
      createHmac('sha256', key).update(verifier).digest('base64url');

    // (a) Without the PIN key: even the right PIN's verifier matches nothing in the download.
    const rightVerifier = verifierOf(SECRET_PIN);
    const text = JSON.stringify(download);
    const confirmable =
      text.includes(rightVerifier.toString('base64url')) ||
      sealWith(randomBytes(32), rightVerifier) === sealed;
    const candidateKey = randomBytes(32);
    const hmacMs =
      bestMs(3, () => {
        for (let i = 0; i < 100_000; i += 1) {
          candidateKey[i % 32] = i & 255;
          sealWith(candidateKey, rightVerifier);
        }
      }) / 100_000;
    const keyYears = (2 ** 255 * hmacMs) / 1000 / 86_400 / 365.25;

    // (b) With the PIN key: the full cost of one guess, and the old scheme's in the same run.
    const pinKey = Buffer.from(device.pinKey, 'base64url');
    const newMs = bestMs(GUESSES, (i) => {
      sealWith(pinKey, verifierOf(String(1000 + i)));
    });
    const oldSalt = randomBytes(16);
    const oldMs = bestMs(GUESSES, (i) => {
      pbkdf2Sync(String(1000 + i), oldSalt, PIN_ITERATIONS, 32, 'sha256');
    });
    const found = sealWith(pinKey, verifierOf(SECRET_PIN)) === sealed;
    const four = acceptedPins(4);
    const six = acceptedPins(6);

    console.log('PIN cracking, from what a device access token downloads (GET /v1/pins/verifiers)');
    console.log(
      `  download: kdf ${kdf.name} (PBKDF2 ${String(kdf.iterations)} it., scrypt N=2^${String(kdf.scrypt.logN)} r=${String(kdf.scrypt.r)} p=${String(kdf.scrypt.p)}, ${String((128 * cost.N * cost.r) / 2 ** 20)} MiB), sealed = HMAC-SHA256(device PIN key, verifier); no key, no bare verifier`,
    );
    console.log(
      `  (a) without the terminal's PIN key: guesses that can be confirmed: ${confirmable ? 'SOME (broken!)' : '0'}; finding the 256-bit key: 2^255 HMACs × ${(hmacMs * 1000).toFixed(2)} µs ≈ ${keyYears.toExponential(1)} years of one core`,
    );
    console.log(
      `  (b) with the PIN key: ${newMs.toFixed(0)} ms of one core per guess (old PBKDF2-100k: ${oldMs.toFixed(1)} ms; ${(newMs / oldMs).toFixed(1)}× the old cost); right PIN confirmed: ${String(found)}`,
    );
    console.log(
      `      expected time for one PIN (half of the accepted PINs): 4 digits (${String(four)} accepted) ${duration((four / 2) * newMs)} (old: ${duration((four / 2) * oldMs)}); 6 digits (${String(six)}) ${duration((six / 2) * newMs)} (old: ${duration((six / 2) * oldMs)})`,
    );
    if (confirmable || !found) process.exitCode = 1;
  } finally {
    await t.close();
  }
}

await main();
