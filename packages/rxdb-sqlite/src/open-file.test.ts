/**
 * Opening database files: a new file is in WAL mode with the catalogue, an older rollback-mode
 * file is switched to WAL with its rows, and processes racing to create one file all end up
 * writing into that one file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { acquireConnection, releaseConnection } from './connection';
import { bundleForNode, makeTempDir } from './test-support';

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
    releaseConnection(acquireConnection(filename));
    expect(readdirSync(dirname(filename))).toEqual(['store.sqlite']);
    expect(journalVersions(filename)).toEqual([2, 2]);
    const db = new Database(filename, { readonly: true });
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
    const connection = acquireConnection(filename);
    expect(connection.db.prepare('SELECT v FROM kept').pluck().get()).toBe(7);
    releaseConnection(connection);
    expect(journalVersions(filename)).toEqual([2, 2]);
  });

  it('lets processes racing to create one file all write into that one file', async () => {
    const racer = bundleForNode(join(here, 'open-race.fixture.ts'));
    try {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      for (let round = 0; round < 2; round++) {
        const filename = join(temp.dir, `race-${round}.sqlite`);
        const startAt = String(Date.now() + 1500);
        await Promise.all(names.map((name) => runRacer(racer.file, [filename, name, startAt])));
        const db = new Database(filename, { readonly: true });
        const written = db.prepare('SELECT name FROM racers ORDER BY name').pluck().all();
        db.close();
        expect(written).toEqual(names);
        expect(journalVersions(filename)).toEqual([2, 2]);
      }
    } finally {
      racer.remove();
    }
  }, 30_000);
});
