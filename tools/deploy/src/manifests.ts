import { App, type Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { BaseChart } from './base-chart';
import { MigrationChart } from './migration-chart';
import { NetworkChart } from './network-chart';
import { PostgresChart } from './postgres-chart';
import { SyncServerChart } from './sync-server-chart';

/** The files of deploy/k8s/, in apply order (the number in each name). */
const CHARTS: ReadonlyArray<readonly [file: string, make: (app: App, id: string) => Chart]> = [
  ['00-base.yaml', (app, id) => new BaseChart(app, id)],
  ['10-postgres.yaml', (app, id) => new PostgresChart(app, id)],
  ['20-migration-job.yaml', (app, id) => new MigrationChart(app, id)],
  ['30-sync-server.yaml', (app, id) => new SyncServerChart(app, id)],
  ['40-network-policies.yaml', (app, id) => new NetworkChart(app, id)],
];

const HEADER =
  '# Generated from tools/deploy/src by `pnpm deploy:synth`; edit the TypeScript, not this file.\n';

/**
 * Synthesizes every chart in memory: file name → YAML text. Deterministic (no hashes, no
 * timestamps), so the committed files can be compared with a fresh synth.
 */
export function synthManifests(): Map<string, string> {
  const app = new App();
  const files = new Map<string, string>();
  for (const [file, make] of CHARTS) {
    const chart = make(app, file.replace(/\.yaml$/, ''));
    const docs = chart
      .toJson()
      .map((object) => stringify(object, { lineWidth: 0, singleQuote: true }));
    files.set(file, HEADER + docs.map((doc) => `---\n${doc}`).join(''));
  }
  return files;
}
