import { describe, expect, it } from 'vitest';
import { en } from './resources-en';
import { hi } from './resources-hi';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

function stringsOf(tree: object): Map<string, string> {
  const strings = new Map<string, string>();
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') strings.set(`${prefix}${key}`, value);
      else walk(value as object, `${prefix}${key}.`);
    }
  };
  walk(tree, '');
  return strings;
}

const placeholders = (text: string) =>
  [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1] ?? '').sort();

describe('translations', () => {
  it('has every English key in Hindi and no extra ones', () => {
    expect(keysOf(hi).sort()).toEqual(keysOf(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    const hindi = stringsOf(hi);
    for (const [key, text] of stringsOf(en)) {
      expect(placeholders(hindi.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('has no empty strings, and Hindi text is Hindi where English has words', () => {
    const hindi = stringsOf(hi);
    for (const [key, text] of stringsOf(en)) {
      expect(text, key).not.toBe('');
      expect(hindi.get(key), key).not.toBe('');
    }
    const untranslated = [...stringsOf(en)]
      .filter(([, text]) => /[a-z]{3,}/i.test(text.replace(/{{\w+}}/g, '')))
      .filter(([key]) => !/[\u0900-\u097F]/.test(hindi.get(key) ?? ''))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});
