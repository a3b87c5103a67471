import { describe, expect, it } from 'vitest';
import { en } from './resources-en';
import { hi } from './resources-hi';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

function placeholdersOf(tree: object): Map<string, string[]> {
  const strings = new Map<string, string>();
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') strings.set(`${prefix}${key}`, value);
      else walk(value as object, `${prefix}${key}.`);
    }
  };
  walk(tree, '');
  return new Map(
    [...strings].map(([key, text]) => [
      key,
      [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1] ?? '').sort(),
    ]),
  );
}

describe('translations', () => {
  it('has every English key in Hindi and no extra ones', () => {
    expect(keysOf(hi).sort()).toEqual(keysOf(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    expect(placeholdersOf(hi)).toEqual(placeholdersOf(en));
  });

  it('has no empty strings', () => {
    for (const tree of [en, hi]) {
      const empty = keysOf(tree).filter(
        (key) =>
          key
            .split('.')
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) === '',
      );
      expect(empty).toEqual([]);
    }
  });
});
