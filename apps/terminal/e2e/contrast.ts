import type { Locator } from 'playwright-core';

/**
 * Text contrast as WCAG 2.x defines it (relative luminance of sRGB, ratio (L1 + 0.05) / (L2 +
 * 0.05)), from the colours Chromium computed: the element's text colour over the first opaque
 * background of it or its ancestors, a translucent text colour blended onto that background.
 */

/** An sRGB colour with alpha, channels 0–255, alpha 0–1. */
export type Rgba = { r: number; g: number; b: number; a: number };

/** Parses the `rgb(…)` / `rgba(…)` text `getComputedStyle` gives. */
export function parseCssColor(text: string): Rgba {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,/\s]+([\d.]+))?\s*\)$/.exec(
    text.trim(),
  );
  if (match === null) throw new Error(`not an rgb() colour: ${text}`);
  const [, r = '0', g = '0', b = '0', a = '1'] = match;
  return { r: Number(r), g: Number(g), b: Number(b), a: Number(a) };
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of an opaque colour. */
function luminance(color: Rgba): number {
  return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b);
}

/** `top` painted over an opaque `bottom`. */
export function blend(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** The WCAG contrast ratio of two opaque colours, 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** What the page-side function uses of the DOM (this project's Node code has no DOM types). */
type PageElement = { readonly parentElement: PageElement | null };
type PageGlobals = {
  getComputedStyle: (element: PageElement) => { color: string; backgroundColor: string };
};

/** An element's computed text colour and the opaque background it is drawn on. */
export async function textColours(
  element: Locator,
): Promise<{ color: Rgba; background: Rgba; ratio: number }> {
  const computed = await element.evaluate((node: unknown) => {
    const { getComputedStyle } = globalThis as unknown as PageGlobals;
    let background = 'rgb(255, 255, 255)';
    for (let at = node as PageElement | null; at !== null; at = at.parentElement) {
      const value = getComputedStyle(at).backgroundColor;
      if (value !== 'transparent' && !/,\s*0\)$/.test(value) && !/\/\s*0\)$/.test(value)) {
        background = value;
        break;
      }
    }
    return { color: getComputedStyle(node as PageElement).color, background };
  });
  const background = parseCssColor(computed.background);
  const color = blend(parseCssColor(computed.color), background);
  return { color, background, ratio: contrastRatio(color, background) };
}
