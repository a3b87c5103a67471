import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './resources-en';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function has(tree: object, key: string): boolean {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('translation keys used in the code', () => {
  it('exist in the English resources (so the Hindi test covers every screen)', () => {
    const used = new Set<string>();
    for (const file of sources(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !has(en, key)).sort()).toEqual([]);
  });

  it('have a group in the English resources where the key is built (t(`group.${value}`))', () => {
    const prefixes = new Set<string>();
    for (const file of sources(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) {
        if (match[1]) prefixes.add(match[1]);
      }
    }
    expect(prefixes.size).toBeGreaterThan(5);
    const missing = [...prefixes].filter((prefix) => {
      let node: unknown = en;
      for (const part of prefix.split('.'))
        node = (node as Record<string, unknown> | undefined)?.[part];
      return typeof node !== 'object' || node === null;
    });
    expect(missing).toEqual([]);
  });
});
