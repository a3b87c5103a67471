import { describe, expect, it } from 'vitest';
import { canonicalJson, documentHash } from './canonical-hash';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }, 3], e: { g: null, f: 'x' } })).toBe(
      '{"a":[{"c":2,"d":1},3],"b":1,"e":{"f":"x","g":null}}',
    );
  });

  it('hashes documents that differ only in key order alike, and different values apart', () => {
    expect(documentHash({ id: 'x', qty: 1 })).toBe(documentHash({ qty: 1, id: 'x' }));
    expect(documentHash({ id: 'x', qty: 1 })).not.toBe(documentHash({ id: 'x', qty: 2 }));
    expect(documentHash({ id: 'x', qty: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves out undefined fields as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
