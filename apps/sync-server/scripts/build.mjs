// Bundles the sync server into dist/ for plain `node` (no tsx at run time, so a process is ready in
// well under a second). Our code and the workspace packages (@kiryana/*, TypeScript sources) go into
// the bundle; every npm dependency stays external and loads from node_modules, so OpenTelemetry's
// require hooks, pino's transports and PGlite's wasm files work as they do under tsx.
//
// Usage: node scripts/build.mjs [--out <dir>]  (default dist/; ensure-build.mjs builds into a
// temporary folder and renames it, so two processes building at once never see half a build).
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The file a finished build holds (src/testing/server-build.ts reads it). */
const BUILD_STAMP = 'build.json';

/** The entries, by output name. Children forked by path are entries of their own. */
function entries() {
  const list = {
    server: 'src/server.ts',
    cli: 'src/cli.ts',
    // Forked by webhook-dispatcher-process.ts (WEBHOOK_DISPATCHER=process) as `<dir>/…-child.mjs`.
    'webhook-dispatcher-child': 'src/features/webhooks/webhook-dispatcher-child.ts',
  };
  // OpenTelemetry's start-up module, loaded with `node --import` before the server (when present).
  if (existsSync(join(APP_DIR, 'src/telemetry/register.ts'))) {
    list.telemetry = 'src/telemetry/register.ts';
  }
  return Object.fromEntries(
    Object.entries(list).map(([name, path]) => [name, join(APP_DIR, path)]),
  );
}

/** Bare imports stay external, except our workspace packages, which are TypeScript sources. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@kiryana/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Builds into `outDir` (emptied first); returns the output folder. */
async function buildServer(outDir = join(APP_DIR, 'dist')) {
  const out = resolve(outDir);
  await rm(out, { recursive: true, force: true });
  await build({
    absWorkingDir: APP_DIR,
    entryPoints: entries(),
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Code loaded with import() (PGlite without DATABASE_URL, NATS with NATS_URL) goes into
    // chunks of its own, so a process that does not need it never loads its dependencies.
    splitting: true,
    // Beside the entries, not in a subfolder: modules resolve files from import.meta.url
    // (migrations, the admin web, the dispatcher child) and must see the same folder.
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Names in stack traces and logs stay readable; the bundle is not shipped to browsers.
    minify: false,
    plugins: [externalDependencies],
    logLevel: 'warning',
  });
  // migrate.ts reads `./migrations/*.sql` beside the running module: beside the bundle here.
  const migrations = join(APP_DIR, 'src/db/migrations');
  await mkdir(join(out, 'migrations'));
  for (const name of await readdir(migrations)) {
    if (name.endsWith('.sql'))
      await copyFile(join(migrations, name), join(out, 'migrations', name));
  }
  // Written last: its presence says the build is whole, its time when it was made (ensure-build).
  await writeFile(
    join(out, BUILD_STAMP),
    `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`,
  );
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const started = performance.now();
  const out = await buildServer(at > 0 ? process.argv[at + 1] : undefined);
  process.stdout.write(
    `sync server built into ${out} in ${Math.round(performance.now() - started)} ms\n`,
  );
}
