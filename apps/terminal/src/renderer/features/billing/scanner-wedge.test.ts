import { describe, expect, it } from 'vitest';
import { createWedgeDetector } from './scanner-wedge';

function typeKeys(keys: readonly string[], gapMs: number, startMs = 1000) {
  const wedge = createWedgeDetector();
  return { wedge, results: keys.map((key, i) => wedge.push(key, startMs + i * gapMs)) };
}

describe('createWedgeDetector', () => {
  it('recognises fast keystrokes ending in Enter as a scan', () => {
    const { results } = typeKeys([...Array.from('8901234567890'), 'Enter'], 8);
    expect(results.at(-1)).toEqual({ kind: 'scan', code: '8901234567890' });
    expect(results[0]).toEqual({ kind: 'pass', burstStart: true });
    expect(results[1]).toEqual({ kind: 'pass', burstStart: false });
  });

  it('lets human typing through, even of a whole barcode', () => {
    const { results } = typeKeys([...Array.from('8901234567890'), 'Enter'], 120);
    expect(results.every((result) => result.kind === 'pass')).toBe(true);
  });

  it('refuses bursts shorter than the shortest barcode', () => {
    const { results } = typeKeys(['1', '2', '3', '4', 'Enter'], 5);
    expect(results.at(-1)).toEqual({ kind: 'pass', burstStart: false });
  });

  it('starts a new burst after a pause, so slow prefixes do not join the code', () => {
    const wedge = createWedgeDetector();
    wedge.push('a', 0);
    wedge.push('b', 200);
    const code = '21000420125';
    let t = 1000;
    const first = wedge.push('2', t);
    for (const ch of Array.from(`${code.slice(1)}09`)) wedge.push(ch, (t += 6));
    expect(first).toEqual({ kind: 'pass', burstStart: true });
    expect(wedge.push('Enter', t + 6)).toEqual({ kind: 'scan', code: `${code}09` });
  });

  it('does not treat a slow Enter after a fast burst as a scan', () => {
    const wedge = createWedgeDetector();
    Array.from('89012345').forEach((ch, i) => wedge.push(ch, i * 5));
    expect(wedge.push('Enter', 500)).toEqual({ kind: 'pass', burstStart: false });
  });

  it('ignores Shift inside a burst but resets on other named keys', () => {
    const wedge = createWedgeDetector();
    let t = 0;
    for (const key of ['A', 'Shift', 'B', '1', '2', '3', '4', '5', '6']) wedge.push(key, (t += 5));
    expect(wedge.push('Enter', (t += 5))).toEqual({ kind: 'scan', code: 'AB123456' });
    for (const key of ['1', '2', '3', '4', 'ArrowUp', '5', '6', '7', '8'])
      wedge.push(key, (t += 5));
    expect(wedge.push('Enter', t + 5)).toEqual({ kind: 'pass', burstStart: false });
  });
});
