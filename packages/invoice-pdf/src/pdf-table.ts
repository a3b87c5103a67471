import { type PdfCanvas, type TextStyle } from './pdf-canvas';

/**
 * A ruled table that flows over pages: the header is repeated at the top of each new page, cells
 * wrap (a long product name takes two or three lines) and numbers are right-aligned.
 */

/** A column: its header, its width in points (null: the rest of the row) and its alignment. */
export type TableColumn = {
  readonly label: string;
  readonly width: number | null;
  readonly align: 'left' | 'right';
};

const PAD = 2.5;
const MAX_LINES = 3;

function placed(
  canvas: PdfCanvas,
  columns: readonly TableColumn[],
): { x: number; width: number }[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const flexible = columns.filter((c) => c.width === null).length;
  const rest = Math.max(0, canvas.right - canvas.left - fixed) / Math.max(1, flexible);
  let x = canvas.left;
  return columns.map((c) => {
    const width = c.width ?? rest;
    const cell = { x, width };
    x += width;
    return cell;
  });
}

function drawRow(
  canvas: PdfCanvas,
  columns: readonly TableColumn[],
  cells: readonly string[],
  style: TextStyle,
  shaded: boolean,
): void {
  const slots = placed(canvas, columns);
  const leading = style.size * 1.25;
  const wrapped = cells.map((cell, i) =>
    canvas.wrap(cell, (slots[i]?.width ?? 0) - 2 * PAD, style).slice(0, MAX_LINES),
  );
  const lines = Math.max(1, ...wrapped.map((w) => w.length));
  const height = lines * leading + 2 * PAD;
  canvas.ensureSpace(height);
  const top = canvas.y;
  if (shaded) canvas.shade(canvas.left, top - height, canvas.right - canvas.left, height);
  wrapped.forEach((cellLines, i) => {
    const slot = slots[i];
    const column = columns[i];
    if (slot === undefined || column === undefined) return;
    cellLines.forEach((line, n) => {
      const baseline = top - PAD - style.size * 0.95 - n * leading;
      const x = column.align === 'right' ? slot.x + slot.width - PAD : slot.x + PAD;
      canvas.text(line, x, baseline, { ...style, align: column.align });
    });
  });
  canvas.y = top - height;
  canvas.rule(canvas.y, canvas.left, canvas.right, 0.3);
}

/**
 * Draws a table from the cursor down and leaves the cursor below it; returns nothing, the pages
 * it needed are added to the canvas.
 * @example
 * drawTable(canvas, [{ label: 'HSN', width: 40, align: 'left' }], [['0405']], 7);
 */
export function drawTable(
  canvas: PdfCanvas,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  size: number,
  footer: readonly string[] | null = null,
): void {
  const header = () => {
    drawRow(
      canvas,
      columns,
      columns.map((c) => c.label),
      { size, bold: true },
      true,
    );
  };
  // The header must not be orphaned at the bottom of a page: keep room for it and one row.
  canvas.ensureSpace(size * 6);
  canvas.rule(canvas.y, canvas.left, canvas.right, 0.3);
  header();
  const previous = canvas.onNewPage;
  canvas.onNewPage = () => {
    previous?.();
    canvas.rule(canvas.y, canvas.left, canvas.right, 0.3);
    header();
  };
  for (const row of rows) drawRow(canvas, columns, row, { size }, false);
  if (footer !== null) drawRow(canvas, columns, footer, { size, bold: true }, true);
  canvas.onNewPage = previous;
}
