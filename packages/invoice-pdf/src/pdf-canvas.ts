import { type PDFDocument, type PDFPage, type RGB, rgb } from 'pdf-lib';
import { type ShapedFont, drawShapedText, widthOf } from './shaped-text';

/**
 * A cursor over the pages of an A4 document: text with alignment and wrapping, rules, and a new
 * page when the next block does not fit. Coordinates are PDF points from the bottom left.
 */

/** A4 in points (210 × 297 mm). */
const A4: readonly [number, number] = [595.28, 841.89];
/** Page margin on every side. */
export const MARGIN = 32;

const BLACK = rgb(0, 0, 0);
/** The grey of rules and secondary text. */
export const GREY = rgb(0.4, 0.4, 0.4);

/** How to draw one text. */
export type TextStyle = {
  readonly size: number;
  readonly bold?: boolean;
  readonly color?: RGB;
  /** Where x is: the left edge (default), the right edge or the centre of the text. */
  readonly align?: 'left' | 'right' | 'center';
};

/** The drawing state of one document. */
export class PdfCanvas {
  readonly doc: PDFDocument;
  private readonly regular: ShapedFont;
  private readonly bold: ShapedFont;
  /** Called after a page is added, to draw what every page repeats (e.g. a table header). */
  onNewPage: (() => void) | null = null;
  page: PDFPage;
  /** The current baseline, moving down the page. */
  y: number;

  constructor(doc: PDFDocument, fonts: { regular: ShapedFont; bold: ShapedFont }) {
    this.doc = doc;
    this.regular = fonts.regular;
    this.bold = fonts.bold;
    this.page = doc.addPage([...A4]);
    this.y = A4[1] - MARGIN;
  }

  /** The left and right edges of the printable area. */
  get left(): number {
    return MARGIN;
  }

  get right(): number {
    return A4[0] - MARGIN;
  }

  /** Starts a new page when fewer than `height` points are left above the bottom margin. */
  ensureSpace(height: number): void {
    if (this.y - height >= MARGIN + 14) return;
    this.page = this.doc.addPage([...A4]);
    this.y = A4[1] - MARGIN;
    this.onNewPage?.();
  }

  /** The width of a text, in points. */
  width(text: string, style: TextStyle): number {
    return widthOf(style.bold === true ? this.bold : this.regular, text, style.size);
  }

  /** Draws one line of text with its baseline at y. */
  text(text: string, x: number, y: number, style: TextStyle): void {
    const font = style.bold === true ? this.bold : this.regular;
    const width =
      style.align === undefined || style.align === 'left' ? 0 : widthOf(font, text, style.size);
    const left = style.align === 'right' ? x - width : style.align === 'center' ? x - width / 2 : x;
    drawShapedText(this.page, font, text, {
      x: left,
      y,
      size: style.size,
      color: style.color ?? BLACK,
    });
  }

  /**
   * Splits a text into lines no wider than `maxWidth`, at spaces; a word wider than the line is cut
   * by characters (a long GSTIN-less address or product name never overflows its box).
   */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ').filter((w) => w !== '')) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (this.width(candidate, style) <= maxWidth) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        line = word;
        while (this.width(line, style) > maxWidth && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.width(line.slice(0, cut), style) > maxWidth) cut -= 1;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws wrapped lines from the cursor down, `leading` apart, and moves the cursor below them. */
  paragraph(
    text: string,
    x: number,
    maxWidth: number,
    style: TextStyle,
    leading = style.size * 1.3,
  ): void {
    for (const line of this.wrap(text, maxWidth, style)) {
      this.ensureSpace(leading);
      this.text(line, x, this.y, style);
      this.y -= leading;
    }
  }

  /** A horizontal rule at height y. */
  rule(y: number, from = this.left, to = this.right, thickness = 0.5): void {
    this.page.drawLine({
      start: { x: from, y },
      end: { x: to, y },
      thickness,
      color: GREY,
    });
  }

  /** A filled rectangle (a table header's shading). */
  shade(x: number, y: number, width: number, height: number): void {
    this.page.drawRectangle({ x, y, width, height, color: rgb(0.93, 0.93, 0.93) });
  }
}
