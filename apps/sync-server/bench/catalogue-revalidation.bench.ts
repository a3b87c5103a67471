import { MAX_PULL_LIMIT, type SyncCheckpoint } from '@kiryana/shared';
import { syncPaths } from '@kiryana/sync-client';
import { createEnrolmentCode, enrollDevice } from '../src/features/devices/device.service';
import { DEMO_STORE_CODE } from '../src/features/seed/seed-chain';
import { seedDemo } from '../src/features/seed/seed.service';
import { openTestApp } from '../src/http/test-app';
import { testDatabases } from '../src/testing/test-databases';

/**
 * What ETags save a terminal that pulls the demo catalogue again (issue 21 item 6): every
 * reference collection read page by page at the largest page size, once plainly and once naming
 * each page's ETag, as a browser's cache does for `private, no-cache` answers. Prints the body
 * bytes sent both times. On Postgres with TEST_PG_URL, else embedded PGlite.
 */
const database = testDatabases()[0];
if (!database) throw new Error('no database');
const t = await openTestApp(database);
try {
  await seedDemo({ db: t.db, clock: t.clock });
  const { code } = await createEnrolmentCode({ db: t.db, clock: t.clock }, DEMO_STORE_CODE);
  const device = await enrollDevice({ db: t.db, clock: t.clock }, { code, terminalName: 'Bench' });
  const issued = await t.app.request('/v1/devices/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: device.deviceId, secret: device.deviceSecret }),
  });
  const { accessToken } = (await issued.json()) as { accessToken: string };
  const etags = new Map<string, string>();
  const pageOf = new Map<string, unknown>();
  const rounds: { bytes: number; pages: number; notModified: number; ms: number }[] = [];
  for (const round of [0, 1]) {
    const started = performance.now();
    let bytes = 0;
    let pages = 0;
    let notModified = 0;
    for (const collection of ['products', 'prices', 'tax-rates', 'stores']) {
      let checkpoint: SyncCheckpoint | undefined;
      for (;;) {
        const path = syncPaths.pull(collection, { checkpoint, limit: MAX_PULL_LIMIT });
        const known = etags.get(path);
        const response = await t.app.request(path, {
          headers: {
            authorization: `Bearer ${accessToken}`,
            ...(round === 1 && known ? { 'if-none-match': known } : {}),
          },
        });
        const text = await response.text();
        bytes += Buffer.byteLength(text);
        pages += 1;
        if (response.status === 304) notModified += 1;
        if (round === 0) etags.set(path, response.headers.get('etag') ?? '');
        // A 304 leaves the page the client already holds: read on from the copy of round 0.
        const page = (response.status === 304 ? pageOf.get(path) : JSON.parse(text)) as {
          documents: unknown[];
          checkpoint: SyncCheckpoint;
        };
        pageOf.set(path, page);
        if (page.documents.length < MAX_PULL_LIMIT) break;
        checkpoint = page.checkpoint;
      }
    }
    rounds.push({ bytes, pages, notModified, ms: Math.round(performance.now() - started) });
  }
  const [first, second] = rounds as [(typeof rounds)[0], (typeof rounds)[0]];
  console.log(
    `catalogue pull of the demo chain (${database.name}, limit ${String(MAX_PULL_LIMIT)}): ` +
      `first ${String(first.bytes)} body bytes in ${String(first.pages)} pages (${String(first.ms)} ms); ` +
      `repeat with If-None-Match ${String(second.bytes)} bytes, ${String(second.notModified)}/${String(second.pages)} pages 304 (${String(second.ms)} ms); ` +
      `saved ${String(first.bytes - second.bytes)} bytes`,
  );
  // Ratios against the first pull of the same run, like every benchmark here.
  console.log(
    `  revalidation/first: bytes ${(second.bytes / first.bytes).toFixed(2)}, ` +
      `time ${(second.ms / first.ms).toFixed(2)} (a 304 still runs the query and the hash)`,
  );
} finally {
  await t.close();
}
