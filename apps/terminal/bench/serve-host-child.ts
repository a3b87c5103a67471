/**
 * The terminal's serve host (page, local API and SQLite storage host) in a process of its own, so
 * the benchmark can read the resident memory of the process that holds the database, as the
 * Electron main process would. Arguments: the renderer build folder and the data folder; prints
 * the page's URL as one line of JSON once serving.
 */
import { serveTerminal } from '../src/serve/serve';

const [distDir, dataDir] = process.argv.slice(2);
if (distDir === undefined || dataDir === undefined) {
  process.stderr.write('usage: serve-host-child <distDir> <dataDir>\n');
  process.exit(2);
}
// Nothing listens on port 9: the seeded terminal works offline.
const served = await serveTerminal({
  port: 0,
  dataDir,
  distDir,
  syncServerUrl: 'http://127.0.0.1:9',
  printer: null,
});
process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
process.on('SIGTERM', () => {
  void served.close().then(() => process.exit(0));
});
