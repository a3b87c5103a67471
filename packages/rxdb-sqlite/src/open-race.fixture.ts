/**
 * Child process of the file opening test: at a shared start time, opens (and so maybe creates)
 * one SQLite file (plain or with the key given) through the storage's connection, adds its own
 * row and exits.
 */
import { acquireConnection, releaseConnection } from './connection';

const [filename, name, startAt, keyHex] = process.argv.slice(2);
if (!filename || !name || !startAt || !keyHex) {
  throw new Error('usage: open-race <filename> <name> <startAtEpochMs> <keyHex|plain>');
}
// Spin rather than sleep: a timer can fire a few ms late, which would spread the racers out.
while (Date.now() < Number(startAt)) {
  /* wait for the others */
}
const connection = acquireConnection(
  filename,
  keyHex === 'plain' ? null : Buffer.from(keyHex, 'hex'),
);
connection.db.exec('CREATE TABLE IF NOT EXISTS racers (name TEXT NOT NULL)');
connection.db.prepare('INSERT INTO racers (name) VALUES (?)').run(name);
releaseConnection(connection);
