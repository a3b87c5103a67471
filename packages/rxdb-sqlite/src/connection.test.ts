/**
 * The durability switch: a connection commits with synchronous=FULL except inside
 * `withoutFsync`, which must really switch to NORMAL and always switch back (SQLite applies
 * this pragma when it compiles it, so a cached prepared copy would silently do nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { acquireConnection, releaseConnection } from './connection';
import { makeTempDir, TEST_KEY } from './test-support';

const FULL = 2;
const NORMAL = 1;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(() => {
  temp = makeTempDir('connection', true);
});
afterAll(() => {
  temp.cleanup();
});

describe('connection durability', () => {
  it('opens in WAL mode with FULL commits and a catalogue', () => {
    const connection = acquireConnection(join(temp.dir, 'modes.sqlite'), TEST_KEY);
    try {
      expect(connection.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(connection.db.pragma('synchronous', { simple: true })).toBe(FULL);
      expect(connection.catalogue.indexList('nothing')).toBeUndefined();
    } finally {
      releaseConnection(connection);
    }
  });

  it('commits inside withoutFsync with NORMAL, every time, and returns to FULL', () => {
    const connection = acquireConnection(join(temp.dir, 'switch.sqlite'), TEST_KEY);
    const { db } = connection;
    try {
      db.exec('CREATE TABLE t (v INTEGER)');
      for (let i = 0; i < 3; i++) {
        const inside = connection.withoutFsync(() => {
          db.prepare('INSERT INTO t VALUES (?)').run(i);
          return db.pragma('synchronous', { simple: true });
        });
        expect(inside).toBe(NORMAL);
        expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
      }
      expect(() =>
        connection.withoutFsync(() => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    } finally {
      releaseConnection(connection);
    }
  });

  it('refuses to share an open file with a caller holding another key', () => {
    const filename = join(temp.dir, 'shared.sqlite');
    const first = acquireConnection(filename, TEST_KEY);
    try {
      expect(() => acquireConnection(filename, null)).toThrow(
        `SQLite storage: ${filename} is already open with another key`,
      );
    } finally {
      releaseConnection(first);
    }
  });

  it('records and reads back the index list of a table', () => {
    const filename = join(temp.dir, 'catalogue.sqlite');
    const first = acquireConnection(filename, TEST_KEY);
    first.catalogue.record('rx_items_v0', 'items', 0, '[["name","id"]]');
    releaseConnection(first);
    const again = acquireConnection(filename, TEST_KEY);
    try {
      expect(again.catalogue.indexList('rx_items_v0')).toBe('[["name","id"]]');
    } finally {
      releaseConnection(again);
    }
  });
});
