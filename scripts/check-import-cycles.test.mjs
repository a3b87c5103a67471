// `pnpm lint` fails on an import cycle between folders or files: the checker run as `pnpm lint` runs
// it, on three tiny trees under fixtures/import-cycles (a folder loop, a file loop inside one
// folder, and a layered tree whose test file reaches back up, which passes).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findImportCycles } from './check-import-cycles.mjs';

const CHECKER = fileURLToPath(new URL('./check-import-cycles.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/import-cycles', import.meta.url));

/**
 * Runs the checker on a fixture tree from inside it, so the report names paths as a person there
 * would read them.
 * @param {string} fixture
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
async function check(fixture) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CHECKER, '.'], {
      cwd: join(FIXTURES, fixture),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = /** @type {{ code: number, stdout: string, stderr: string }} */ (error);
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('check-import-cycles', () => {
  it('fails on a loop between folders, naming the folders and one import per arrow', async () => {
    const { code, stderr } = await check('folder-cycle');
    expect(code).toBe(1);
    expect(stderr).toContain('Import cycles between folders (1):');
    expect(stderr).toContain('src/orders → src/pricing → src/orders');
    expect(stderr).toContain(
      "src/orders/order.mjs imports '../pricing/price.mjs' (src/pricing/price.mjs)",
    );
    expect(stderr).toContain(
      "src/pricing/price.mjs imports '../orders/order-rules.mjs' (src/orders/order-rules.mjs)",
    );
    expect(stderr).not.toContain('between files');
  });

  it('fails on a loop between two files of one folder', async () => {
    const { code, stderr } = await check('file-cycle');
    expect(code).toBe(1);
    expect(stderr).not.toContain('between folders');
    expect(stderr).toContain('Import cycles between files (1):');
    expect(stderr).toContain(
      'src/orders/order-rules.mjs → src/orders/order.mjs → src/orders/order-rules.mjs',
    );
  });

  it('passes a tree whose imports point one way, whatever its tests import', async () => {
    const { code, stdout } = await check('layered');
    expect(code).toBe(0);
    expect(stdout).toBe('check-import-cycles: no import cycles among 2 source files.\n');
  });

  it('reports each cycle as its chain and the imports behind it', () => {
    const report = findImportCycles([join(FIXTURES, 'folder-cycle')]);
    const folder = (name) => join(FIXTURES, 'folder-cycle/src', name);
    expect(report.fileCycles).toEqual([]);
    expect(report.folderCycles).toEqual([
      {
        nodes: [folder('orders'), folder('pricing')],
        imports: [
          {
            from: join(folder('orders'), 'order.mjs'),
            to: join(folder('pricing'), 'price.mjs'),
            specifier: '../pricing/price.mjs',
          },
          {
            from: join(folder('pricing'), 'price.mjs'),
            to: join(folder('orders'), 'order-rules.mjs'),
            specifier: '../orders/order-rules.mjs',
          },
        ],
      },
    ]);
  });
});
