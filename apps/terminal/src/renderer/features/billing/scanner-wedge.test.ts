import { describe, expect, it } from 'vitest';
import { createWedgeDetector } from './scanner-wedge';

function typeKeys(text: string, gapMs: number, startMs = 1000) {
  const wedge = createWedgeDetector();
  const results = Array.from(text, (key, i) => wedge.push(key, startMs + i * gapMs));
  return { wedge, results, enter: wedge.push('Enter', startMs + text.length * gapMs) };
}

describe('createWedgeDetector', () => {
  it('recognises fast keystrokes ending in Enter as a scan', () => {
    const { results, enter } = typeKeys('8901234567890', 8);
    expect(enter).toEqual({ kind: 'scan', code: '8901234567890', startIndex: 0 });
    expect(results[0]).toEqual({ kind: 'pass', index: 0 });
    expect(results[1]).toEqual({ kind: 'pass', index: 1 });
  });

  it('lets human typing through, even of a whole barcode', () => {
    const { results, enter } = typeKeys('8901234567890', 90);
    expect([...results, enter].every((result) => result.kind === 'pass')).toBe(true);
  });

  it('refuses bursts shorter than the shortest barcode', () => {
    expect(typeKeys('1234', 5).enter).toEqual({ kind: 'pass', index: null });
  });

  it('keeps a late first key in the scan (the page was busy after it)', () => {
    const wedge = createWedgeDetector();
    wedge.push('8', 0);
    let t = 90;
    for (const key of Array.from('900000000017')) wedge.push(key, (t += 5));
    expect(wedge.push('Enter', t + 5)).toEqual({
      kind: 'scan',
      code: '8900000000017',
      startIndex: 0,
    });
  });

  it('leaves slowly typed text in front of a burst out of the code', () => {
    const wedge = createWedgeDetector();
    let t = 0;
    for (const key of ['r', 'i', 'c', 'e', ' ']) wedge.push(key, (t += 200));
    const first = wedge.push('2', (t += 300));
    for (const key of Array.from('100042012509')) wedge.push(key, (t += 6));
    expect(first).toEqual({ kind: 'pass', index: 0 });
    expect(wedge.push('Enter', t + 6)).toEqual({
      kind: 'scan',
      code: '2100042012509',
      startIndex: 0,
    });
  });

  it('does not treat a slow Enter after a fast burst as a scan', () => {
    const wedge = createWedgeDetector();
    Array.from('89012345').forEach((key, i) => wedge.push(key, i * 5));
    expect(wedge.push('Enter', 500)).toEqual({ kind: 'pass', index: null });
  });

  it('ignores Shift inside a burst but starts over on other named keys', () => {
    const wedge = createWedgeDetector();
    let t = 0;
    for (const key of ['A', 'Shift', 'B', '1', '2', '3', '4', '5', '6']) wedge.push(key, (t += 5));
    expect(wedge.push('Enter', (t += 5))).toEqual({
      kind: 'scan',
      code: 'AB123456',
      startIndex: 0,
    });
    for (const key of ['1', '2', '3', '4', 'ArrowUp', '5', '6', '7', '8'])
      wedge.push(key, (t += 5));
    expect(wedge.push('Enter', t + 5)).toEqual({ kind: 'pass', index: null });
  });
});
