// Fails when source files import each other in a loop, between folders or between files.
//
// Layers only point one way when their folders do: a folder (the directory of a file) that imports
// a folder which imports it back cannot be understood, tested or moved on its own, and such loops
// grow quietly until a module's top level runs before its import is initialised. So every import
// of every package and app (apps/*, packages/*, tools/*, examples/*) is resolved with the
// TypeScript compiler (moduleResolution "Bundler", the workspace's; `@kiryana/*` resolves through
// the workspace symlinks to the other package's source), and the import graph is checked twice:
// folder → folder and file → file. Type-only imports count: a type is knowledge of the other side as much as a value.
//
// Tests do not count. Tests (`*.test.*`, `*.spec.*`, `*.e2e.*`, `*.bench.*`, `*.fixture.*` that a
// test bundles and runs, `*-test-kit.ts` and `test-*.ts` helpers, and everything under `test/`,
// `e2e/`, `bench/`, `testing/` or `fixtures/` folders) legitimately reach across folders to set up
// what they test; only the code that ships has to be layered. Nothing that ships imports a test
// file, so leaving them out hides no loop between shipping folders.
//
// Usage: node scripts/check-import-cycles.mjs [dir ...]
//   (default: apps/* packages/* tools/* examples/*)
// Each cycle is printed as its chain of folders (or files) with one example import per arrow.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.tsbuild', 'coverage', 'playwright-report']);
const TEST_DIRS = new Set(['test', 'e2e', 'bench', 'testing', 'fixtures', '__fixtures__']);
const TEST_FILE =
  /(?:\.(?:test|spec|e2e|bench|fixture)\.[cm]?[jt]sx?$)|(?:-test-kit\.ts$)|(?:^test-[^/]*\.ts$)/;

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
};

/**
 * Whether a file is test code (see the module note: tests do not count).
 * @param {string} path a path relative to the scanned directory
 */
function isTestFile(path) {
  const parts = path.split(/[\\/]/);
  const name = parts.pop() ?? '';
  if (parts.some((part) => TEST_DIRS.has(part))) return true;
  return TEST_FILE.test(name);
}

/**
 * Shipping source files under a directory, as absolute real paths.
 * @param {string} dir
 * @returns {string[]}
 */
function sourceFilesUnder(dir) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} current */
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !TEST_DIRS.has(entry.name)) walk(path);
      } else if (
        entry.isFile() &&
        SOURCE_FILE.test(entry.name) &&
        !entry.name.endsWith('.d.ts') &&
        !isTestFile(relative(dir, path))
      ) {
        found.push(realpathSync(path));
      }
    }
  };
  walk(dir);
  return found;
}

/**
 * @typedef {{ from: string, to: string, specifier: string }} ImportEdge an example import: file
 *   `from` imports `specifier`, which resolves to file `to`
 * @typedef {{ nodes: string[], imports: ImportEdge[] }} Cycle nodes[0] → nodes[1] → … → nodes[0];
 *   imports[i] is one import behind the arrow nodes[i] → nodes[i + 1]
 * @typedef {{ folderCycles: Cycle[], fileCycles: Cycle[], fileCount: number }} CycleReport
 */

/**
 * Every import between shipping source files under the given directories, resolved to files.
 * @param {string[]} dirs directories to scan (absolute, or relative to the working directory)
 * @returns {{ files: Set<string>, imports: ImportEdge[] }}
 */
function resolveImports(dirs) {
  const files = new Set(dirs.flatMap((dir) => sourceFilesUnder(resolve(dir))));
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const cache = ts.createModuleResolutionCache(process.cwd(), (name) => name, COMPILER_OPTIONS);
  /** @type {ImportEdge[]} */
  const imports = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // preProcessFile lists static imports, re-exports, `import()` and `import type` alike.
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const { fileName: specifier } of importedFiles) {
      const resolved = ts.resolveModuleName(
        specifier,
        file,
        COMPILER_OPTIONS,
        host,
        cache,
      ).resolvedModule;
      if (resolved === undefined || resolved.isExternalLibraryImport === true) continue;
      const target = realpathSync(resolved.resolvedFileName);
      // Files outside the scanned set (tests, other trees) cannot close a loop among shipping files.
      if (!files.has(target) || target === file) continue;
      imports.push({ from: file, to: target, specifier });
    }
  }
  return { files, imports };
}

/**
 * The import cycles among the shipping source files under the given directories.
 * @param {string[]} dirs directories to scan (absolute, or relative to the working directory)
 * @returns {CycleReport}
 */
export function findImportCycles(dirs) {
  const { files, imports } = resolveImports(dirs);
  /** @type {Map<string, Map<string, ImportEdge>>} */
  const fileGraph = new Map();
  /** @type {Map<string, Map<string, ImportEdge>>} */
  const folderGraph = new Map();
  for (const edge of imports) {
    addEdge(fileGraph, edge.from, edge.to, edge);
    if (dirname(edge.from) !== dirname(edge.to)) {
      addEdge(folderGraph, dirname(edge.from), dirname(edge.to), edge);
    }
  }
  return {
    folderCycles: cyclesOf(folderGraph),
    fileCycles: cyclesOf(fileGraph),
    fileCount: files.size,
  };
}

/**
 * @param {Map<string, Map<string, ImportEdge>>} graph
 * @param {string} from
 * @param {string} to
 * @param {ImportEdge} edge
 */
function addEdge(graph, from, to, edge) {
  let targets = graph.get(from);
  if (targets === undefined) {
    targets = new Map();
    graph.set(from, targets);
  }
  // The first import found stands as the example; files are visited in a stable order.
  if (!targets.has(to)) targets.set(to, edge);
}

/**
 * A set of cycles that together use every arrow lying on some cycle: for each such arrow u → v,
 * the shortest cycle through it (u → v, then the shortest way back from v to u). Breaking every
 * printed cycle therefore clears the graph, and the list stays as short as the number of arrows.
 * @param {Map<string, Map<string, ImportEdge>>} graph
 * @returns {Cycle[]}
 */
function cyclesOf(graph) {
  const componentOf = stronglyConnectedComponents(graph);
  /** @type {Map<string, Cycle>} */
  const cycles = new Map();
  for (const [from, targets] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    for (const to of [...targets.keys()].sort()) {
      if (componentOf.get(from) !== componentOf.get(to)) continue;
      const back = shortestPath(graph, to, from, componentOf);
      if (back === undefined) continue;
      const nodes = [from, ...back.slice(0, -1)];
      const key = canonicalKey(nodes);
      if (cycles.has(key)) continue;
      const imports = nodes.map((node, index) => {
        const next = nodes[(index + 1) % nodes.length] ?? node;
        const edge = graph.get(node)?.get(next);
        if (edge === undefined) throw new Error(`no arrow ${node} → ${next}`);
        return edge;
      });
      cycles.set(key, { nodes, imports });
    }
  }
  return [...cycles.values()];
}

/**
 * The same cycle read from any of its nodes gives the same key.
 * @param {string[]} nodes
 */
function canonicalKey(nodes) {
  const smallest = nodes.reduce(
    (best, node, index) => (node < (nodes[Number(best)] ?? '') ? String(index) : best),
    '0',
  );
  const start = Number(smallest);
  return [...nodes.slice(start), ...nodes.slice(0, start)].join('\n');
}

/**
 * Breadth-first path from `start` to `goal` inside one component, both ends included.
 * @param {Map<string, Map<string, ImportEdge>>} graph
 * @param {string} start
 * @param {string} goal
 * @param {Map<string, number>} componentOf
 * @returns {string[] | undefined}
 */
function shortestPath(graph, start, goal, componentOf) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = /** @type {string} */ (queue[head]);
    if (node === goal) {
      const path = [];
      for (let at = /** @type {string | null | undefined} */ (goal); at; at = cameFrom.get(at)) {
        path.unshift(at);
      }
      return path;
    }
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (cameFrom.has(next) || componentOf.get(next) !== componentOf.get(start)) continue;
      cameFrom.set(next, node);
      queue.push(next);
    }
  }
  return undefined;
}

/**
 * Tarjan's algorithm, iterative (deep import chains must not overflow the stack).
 * @param {Map<string, Map<string, ImportEdge>>} graph
 * @returns {Map<string, number>} node → component number
 */
function stronglyConnectedComponents(graph) {
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {Map<string, number>} */
  const componentOf = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  let counter = 0;
  let components = 0;

  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    /** @type {{ node: string, targets: string[], next: number }[]} */
    const work = [{ node: root, targets: [...(graph.get(root)?.keys() ?? [])], next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = /** @type {(typeof work)[number]} */ (work[work.length - 1]);
      const target = frame.targets[frame.next];
      if (target !== undefined) {
        frame.next += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, targets: [...(graph.get(target)?.keys() ?? [])], next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(Number(low.get(frame.node)), Number(index.get(target))));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) {
        low.set(parent.node, Math.min(Number(low.get(parent.node)), Number(low.get(frame.node))));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        for (;;) {
          const member = /** @type {string} */ (stack.pop());
          onStack.delete(member);
          componentOf.set(member, components);
          if (member === frame.node) break;
        }
        components += 1;
      }
    }
  }
  return componentOf;
}

/**
 * The report a person reads: one block per cycle, paths relative to `base`.
 * @param {CycleReport} report
 * @param {string} base
 */
function formatCycles(report, base) {
  /** @param {string} path */
  const show = (path) => relative(base, path).split(sep).join('/') || '.';
  /**
   * @param {string} title
   * @param {Cycle[]} cycles
   */
  const section = (title, cycles) => {
    if (cycles.length === 0) return [];
    const lines = [`${title} (${cycles.length}):`];
    for (const { nodes, imports } of cycles) {
      const first = nodes[0] ?? '';
      lines.push('', `  ${[...nodes, first].map(show).join(' → ')}`);
      for (const edge of imports) {
        lines.push(`    ${show(edge.from)} imports '${edge.specifier}' (${show(edge.to)})`);
      }
    }
    return [...lines, ''];
  };
  return [
    ...section('Import cycles between folders', report.folderCycles),
    ...section('Import cycles between files', report.fileCycles),
  ].join('\n');
}

/** @param {string} root the repository root */
function defaultDirs(root) {
  return ['apps', 'packages', 'tools', 'examples'].flatMap((group) => {
    const groupDir = join(root, group);
    try {
      return readdirSync(groupDir)
        .map((name) => join(groupDir, name))
        .filter((path) => statSync(path).isDirectory());
    } catch {
      return [];
    }
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const dirs = args.length > 0 ? args.map((dir) => resolve(dir)) : defaultDirs(root);
  const report = findImportCycles(dirs);
  const base = args.length > 0 ? process.cwd() : root;
  if (report.folderCycles.length + report.fileCycles.length > 0) {
    console.error(formatCycles(report, base));
    console.error(
      'Break each loop: move what both sides need to the lower folder (db/, http/, a shared ' +
        'package) so imports point one way.',
    );
    process.exit(1);
  }
  console.log(`check-import-cycles: no import cycles among ${report.fileCount} source files.`);
}
