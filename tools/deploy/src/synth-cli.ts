import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { synthManifests } from './manifests';

/** `pnpm deploy:synth`: rewrites deploy/k8s/ from the charts, removing files no chart makes. */
const outDir = fileURLToPath(new URL('../../../deploy/k8s/', import.meta.url));
const files = synthManifests();
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) {
  if (name.endsWith('.yaml') && !files.has(name)) rmSync(new URL(name, `file://${outDir}`));
}
for (const [name, text] of files) writeFileSync(`${outDir}${name}`, text);
process.stdout.write(`deploy/k8s: ${[...files.keys()].join(', ')}\n`);
