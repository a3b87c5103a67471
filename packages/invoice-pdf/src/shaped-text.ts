import * as fontkit from 'fontkit';
import {
  PDFArray,
  type PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  type RGB,
  beginText,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextRise,
} from 'pdf-lib';

/**
 * Text drawn with complete OpenType shaping. pdf-lib lays text out with fontkit (so Devanagari
 * conjuncts, reph and the reordered ि matra come out as the right glyphs) but then drops the glyph
 * positions: every glyph is placed at the previous one's advance, so the marks that GPOS moves
 * (ु ू े ै ं ँ र्, about a fifth of an em over a consonant) land beside their base, and Latin
 * kerning is lost. Here each run is shown with `TJ` adjustments carrying fontkit's offsets and
 * advances (and a text rise for a vertical offset), so the page matches what a browser draws.
 *
 * Two pieces of pdf-lib are worked around: its full-font embedder writes widths only for glyphs the
 * cmap reaches (a conjunct would get the default width of 1 em), so fonts are embedded as subsets,
 * whose widths come from the glyphs actually used; and pdf-lib's subsetter calls fontkit 1's
 * `encodeStream()`, which fontkit 2 (the release with a working Indic shaper) replaced by `encode()`.
 */

/** An embedded font with the fontkit face its glyphs were laid out with. */
export type ShapedFont = {
  readonly pdf: PDFFont;
  readonly face: fontkit.Font;
};

type Listener = (value?: unknown) => void;

/** fontkit 2 behind the fontkit 1 subset API that pdf-lib 1.17 calls. */
function withStreamingSubset(face: fontkit.Font): fontkit.Font {
  const createSubset = face.createSubset.bind(face);
  face.createSubset = () => {
    const subset = createSubset();
    const encodeStream = () => {
      const listeners: Record<string, Listener> = {};
      const emitter = {
        on(event: string, listener: Listener) {
          listeners[event] = listener;
          return emitter;
        },
      };
      // pdf-lib attaches its listeners right after this returns; emit once they are attached.
      queueMicrotask(() => {
        try {
          listeners['data']?.(subset.encode());
          listeners['end']?.();
        } catch (error: unknown) {
          listeners['error']?.(error);
        }
      });
      return emitter;
    };
    return Object.assign(subset, { encodeStream });
  };
  return face;
}

/**
 * Embeds a TrueType font as a subset and keeps its fontkit face for layout.
 * @example
 * const regular = await embedShapedFont(doc, fontBytes);
 */
export async function embedShapedFont(doc: PDFDocument, bytes: Uint8Array): Promise<ShapedFont> {
  // Filled by the callback pdf-lib calls from embedFont (TypeScript cannot see that call).
  const loaded: { face?: fontkit.Font } = {};
  doc.registerFontkit({
    create(buffer: Uint8Array) {
      const created = fontkit.create(buffer as Parameters<typeof fontkit.create>[0]);
      if (!('layout' in created)) throw new Error('a font collection is not an invoice font');
      loaded.face = withStreamingSubset(created);
      return loaded.face as never;
    },
  });
  const pdf = await doc.embedFont(bytes, { subset: true });
  if (loaded.face === undefined) throw new Error('pdf-lib did not load the font through fontkit');
  return { pdf, face: loaded.face };
}

/**
 * The width of a text at a size, in points, with kerning and shaping.
 * @example
 * widthOf(regular, 'Rupees', 9); // ≈ 30.6
 */
export function widthOf(font: ShapedFont, text: string, size: number): number {
  const run = font.face.layout(text);
  const units = run.positions.reduce((sum, p) => sum + p.xAdvance, 0);
  return (units * size) / font.face.unitsPerEm;
}

/** Rounds to 1/1000 of a text unit: enough for print, and keeps the content stream short. */
function thousandths(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Draws a text with its baseline starting at (x, y).
 * @example
 * drawShapedText(page, regular, 'क्षत्रिय', { x: 36, y: 800, size: 10, color: rgb(0, 0, 0) });
 */
export function drawShapedText(
  page: PDFPage,
  font: ShapedFont,
  text: string,
  options: { readonly x: number; readonly y: number; readonly size: number; readonly color: RGB },
): void {
  if (text === '') return;
  const { size } = options;
  const upem = font.face.unitsPerEm;
  const run = font.face.layout(text);
  // pdf-lib lays the same text out again (same face, same features) and records each glyph for the
  // subset and the widths; its hex string holds one 4-digit subset glyph id per laid-out glyph.
  const hex = font.pdf.encodeText(text).toString().slice(1, -1);
  if (hex.length !== run.glyphs.length * 4)
    throw new Error('pdf-lib and fontkit laid the text out differently');
  const key = page.node.newFontDictionary(font.pdf.name, font.pdf.ref);
  const context = page.doc.context;
  const operators: PDFOperator[] = [
    pushGraphicsState(),
    setFillingColor(options.color),
    beginText(),
    setFontAndSize(key, size),
    moveText(thousandths(options.x), thousandths(options.y)),
  ];
  let items = PDFArray.withContext(context);
  let pending = 0; // a shift, in font units, still to apply before the next glyph
  const flush = () => {
    if (items.size() > 0)
      operators.push(PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [items]));
    items = PDFArray.withContext(context);
  };
  const shift = (units: number) => {
    // A TJ number moves the pen left by number/1000 em; pdf-lib's widths are in 1000/upem units.
    if (units !== 0) items.push(PDFNumber.of(thousandths((-units * 1000) / upem)));
  };
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i];
    if (position === undefined) return;
    shift(pending + position.xOffset);
    const glyphHex = PDFHexString.of(hex.slice(i * 4, i * 4 + 4));
    if (position.yOffset !== 0) {
      flush();
      operators.push(setTextRise(thousandths((position.yOffset * size) / upem)));
      items.push(glyphHex);
      flush();
      operators.push(setTextRise(0));
    } else items.push(glyphHex);
    // The viewer advanced by the glyph's width; fontkit wants the pen at xAdvance from the origin.
    pending = position.xAdvance - position.xOffset - glyph.advanceWidth;
  });
  flush();
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}
