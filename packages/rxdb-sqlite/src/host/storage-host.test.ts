import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { join } from 'node:path';
import { createRxDatabase } from 'rxdb/plugins/core';
import type { RxCollection, RxDatabase } from 'rxdb/plugins/core';
import { makeTempDir, openFileForInspection, TEST_KEY } from '../test-support';
import { startStorageHost, type StorageHost } from './storage-host';
import { getStorageHostClient } from './storage-client';

type Note = { id: string; text: string };

let temp: ReturnType<typeof makeTempDir>;
let host: StorageHost;
beforeEach(async () => {
  temp = makeTempDir('host');
  host = await startStorageHost({
    port: 0,
    databaseDir: temp.dir,
    encryptionKey: TEST_KEY,
    token: 'secret',
  });
});
afterEach(async () => {
  await host.close();
  temp.cleanup();
});

/** Status of a bare WebSocket upgrade request (101 = accepted). */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: host.port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startStorageHost', () => {
  it('serves the SQLite storage over a loopback websocket', async () => {
    expect(host.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/\?token=secret$/);
    const db: RxDatabase<{ notes: RxCollection<Note> }> = await createRxDatabase({
      name: 'browser-db',
      storage: getStorageHostClient(host.url),
      multiInstance: false,
    });
    await db.addCollections({
      notes: {
        schema: {
          version: 0,
          primaryKey: 'id',
          type: 'object',
          properties: { id: { type: 'string', maxLength: 10 }, text: { type: 'string' } },
          required: ['id', 'text'],
        },
      },
    });
    await db.notes.insert({ id: 'n1', text: 'opening float ₹500' });
    expect((await db.notes.findOne('n1').exec(true)).text).toBe('opening float ₹500');
    await db.close();

    const file = openFileForInspection(join(temp.dir, 'browser-db.sqlite'));
    const row = file.prepare('SELECT data FROM "rx_notes_v0" WHERE id = ?').get('n1') as {
      data: string;
    };
    file.close();
    expect(JSON.parse(row.data)).toMatchObject({ id: 'n1', text: 'opening float ₹500' });
  });

  it('refuses connections without the token', async () => {
    expect(await upgradeStatus('/')).toBe(401);
    expect(await upgradeStatus('/?token=wrong')).toBe(401);
    expect(await upgradeStatus('/?token=secret')).toBe(101);
  });
});
