import { describe, expect, it } from 'vitest';
import { blend, contrastRatio, parseCssColor } from '../e2e/contrast';

describe('contrast (the browser suites’ WCAG check)', () => {
  it('computes the WCAG 2 ratios of known pairs', () => {
    const white = parseCssColor('rgb(255, 255, 255)');
    expect(contrastRatio(white, parseCssColor('rgb(0, 0, 0)'))).toBe(21);
    expect(contrastRatio(white, white)).toBe(1);
    // #767676 on white is the classic just-passing AA grey (4.54:1).
    expect(contrastRatio(parseCssColor('rgb(118, 118, 118)'), white)).toBeCloseTo(4.54, 2);
    // The terminal's muted grey on its accent green: the invisible F1 hint of issue 12.
    expect(
      contrastRatio(parseCssColor('rgb(93, 104, 120)'), parseCssColor('rgb(11, 110, 79)')),
    ).toBeCloseTo(1.11, 2);
  });

  it('blends a translucent colour onto its background before comparing', () => {
    const half = blend(parseCssColor('rgba(0, 0, 0, 0.5)'), parseCssColor('rgb(255, 255, 255)'));
    expect(half).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    expect(() => parseCssColor('oklch(0.5 0.1 200)')).toThrow(/not an rgb/);
  });
});
