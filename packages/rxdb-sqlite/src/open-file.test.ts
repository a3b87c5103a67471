/**
 * Opening database files: a new file is in WAL mode with the catalogue, an older rollback-mode
 * file is switched to WAL with its rows, and processes racing to create one file (plain or
 * encrypted) all end up writing into that one file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { acquireConnection, releaseConnection } from './connection';
import { bundleForNode, makeTempDir, openFileForInspection, TEST_KEY } from './test-support';

const here = dirname(fileURLToPath(import.meta.url));
let temp: ReturnType<typeof makeTempDir>;

beforeAll(() => {
  temp = makeTempDir('open');
});
afterAll(() => {
  temp.cleanup();
});

/** Bytes 18 and 19 of the SQLite header are 2 for a WAL-mode file, 1 for rollback mode. */
function journalVersions(filename: string): number[] {
  return [...readFileSync(filename).subarray(18, 20)];
}

function runRacer(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`racer ${args[1]}: ${err.slice(0, 800)}`));
    });
  });
}

describe('opening a database file', () => {
  it('creates a WAL-mode file with the catalogue, in a folder that did not exist', () => {
    const filename = join(temp.dir, 'new', 'store.sqlite');
    releaseConnection(acquireConnection(filename, null));
    expect(readdirSync(dirname(filename))).toEqual(['store.sqlite']);
    expect(journalVersions(filename)).toEqual([2, 2]);
    const db = openFileForInspection(filename, null);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(
      ['rxdb_collections'],
    );
    db.close();
  });

  it('switches a file made in rollback mode to WAL and keeps its rows', () => {
    const filename = join(temp.dir, 'rollback.sqlite');
    const old = new Database(filename);
    old.exec('CREATE TABLE kept (v INTEGER); INSERT INTO kept VALUES (7)');
    old.close();
    expect(journalVersions(filename)).toEqual([1, 1]);
    const connection = acquireConnection(filename, null);
    expect(connection.db.prepare('SELECT v FROM kept').pluck().get()).toBe(7);
    releaseConnection(connection);
    expect(journalVersions(filename)).toEqual([2, 2]);
  });

  it('lets processes racing to create one file all write into that one file', async () => {
    const racer = bundleForNode(join(here, 'open-race.fixture.ts'));
    try {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      for (const [round, key] of [null, null, TEST_KEY, TEST_KEY].entries()) {
        const filename = join(temp.dir, `race-${round}.sqlite`);
        const startAt = String(Date.now() + 1500);
        const keyHex = key === null ? 'plain' : Buffer.from(key).toString('hex');
        await Promise.all(
          names.map((name) => runRacer(racer.file, [filename, name, startAt, keyHex])),
        );
        const db = openFileForInspection(filename, key);
        const written = db.prepare('SELECT name FROM racers ORDER BY name').pluck().all();
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        db.close();
        expect(written).toEqual(names);
        if (key === null) expect(journalVersions(filename)).toEqual([2, 2]);
      }
    } finally {
      racer.remove();
    }
  }, 60_000);
});
