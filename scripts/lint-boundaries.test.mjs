// `pnpm lint` fails on the boundaries issue 13 asks tools to hold: `process.env` outside an env
// module, an import of another package's files (by name or by a relative path), routes importing
// queries or another feature's internals, and a dead export (knip). Each case lints a few lines
// placed where such code would live, with the repository's own eslint.config.js and knip.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KNIP = join(ROOT, 'node_modules/.bin/knip');

// The boundary rules read no types, so the fixtures need not belong to a TypeScript project.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

/**
 * The boundary findings for `code` as if it were the file at `path` (relative to the repository).
 * @param {string} path
 * @param {string} code
 */
async function boundaryFindings(path, code) {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  if (result === undefined) throw new Error(`${path} was not linted`);
  return result.messages
    .filter((message) => /restricted/.test(message.ruleId ?? '') || message.fatal === true)
    .map((message) => ({ rule: message.ruleId, line: message.line }));
}

describe('eslint boundaries', () => {
  const readsEnv = "export const reportDays = Number(process.env.REPORT_DAYS ?? '30');\n";

  it('refuses process.env in a module that is not an env module', async () => {
    expect(
      await boundaryFindings('apps/sync-server/src/features/reports/report-window.ts', readsEnv),
    ).toEqual([{ rule: 'no-restricted-properties', line: 1 }]);
    expect(
      await boundaryFindings(
        'tools/fleet-sim/src/report-window.ts',
        'const { env } = process;\nexport const days = env.DAYS;\n',
      ),
    ).toEqual([{ rule: 'no-restricted-properties', line: 1 }]);
  });

  it('lets env modules read process.env', async () => {
    expect(await boundaryFindings('apps/terminal/src/serve/report-env.ts', readsEnv)).toEqual([]);
    expect(await boundaryFindings('apps/sync-server/src/env.ts', readsEnv)).toEqual([]);
  });

  it("refuses imports of another package's files, by name or by a climbing relative path", async () => {
    const code = [
      "import { openPgDb } from '@kiryana/sync-server/src/db/pg-db';",
      "import { openTerminalDatabase } from '@kiryana/terminal/renderer/db/database';",
      "import { money } from '@kiryana/shared/src/money/money';",
      "import type { Db } from '../../../apps/sync-server/src/db/db';",
      'export const parts = [openPgDb, openTerminalDatabase, money] as const;',
      'export type Parts = Db;',
      '',
    ].join('\n');
    expect(await boundaryFindings('tools/fleet-sim/src/parts.ts', code)).toEqual([
      { rule: 'no-restricted-imports', line: 1 },
      { rule: 'no-restricted-imports', line: 2 },
      { rule: 'no-restricted-imports', line: 3 },
      { rule: 'no-restricted-imports', line: 4 },
    ]);
  });

  it('allows the entries packages export', async () => {
    const code = [
      "import { openPgDb } from '@kiryana/sync-server/operator';",
      "import { openTerminalDatabase } from '@kiryana/terminal/headless';",
      "import { moneyAdd } from '@kiryana/shared';",
      'export const parts = [openPgDb, openTerminalDatabase, moneyAdd] as const;',
      '',
    ].join('\n');
    expect(await boundaryFindings('tools/fleet-sim/src/parts.ts', code)).toEqual([]);
  });

  it("refuses routes importing queries, and a feature importing another feature's internals", async () => {
    const routes = [
      "import { salesReport } from './report.queries';",
      "import { reportWindow } from './report.service';",
      'export const used = [salesReport, reportWindow];',
      '',
    ].join('\n');
    expect(
      await boundaryFindings('apps/sync-server/src/features/reports/weekly.routes.ts', routes),
    ).toEqual([{ rule: '@typescript-eslint/no-restricted-imports', line: 1 }]);

    const service = [
      "import { stockLevelDrift } from '../stock/stock-level.queries';",
      "import { levelsOf } from '../stock/stock.service';",
      "import { storeParamSchema } from '../stores-admin/stores-admin.schemas';",
      "import { withActor } from '../../db/actor-transaction';",
      'export const used = [stockLevelDrift, levelsOf, storeParamSchema, withActor];',
      '',
    ].join('\n');
    expect(
      await boundaryFindings('apps/sync-server/src/features/reports/weekly.service.ts', service),
    ).toEqual([{ rule: '@typescript-eslint/no-restricted-imports', line: 1 }]);
  });
});

describe('knip', () => {
  it('fails on a dead export and names it', async () => {
    const run = promisify(execFile)(KNIP, ['--no-progress', '--no-config-hints'], {
      cwd: join(ROOT, 'scripts/fixtures/knip-dead-export'),
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/Unused exports \(1\)\s+unusedRoundOff\s+function\s+money\.js/),
    });
  });
});
