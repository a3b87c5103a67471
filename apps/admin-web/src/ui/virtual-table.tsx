import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

/** A column: its header, how to render a cell, and whether it holds numbers (right-aligned). */
export type Column<T> = {
  readonly key: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly numeric?: boolean;
  /** CSS grid track, e.g. `2fr` or `8rem`; default `1fr`. */
  readonly width?: string;
};

const ROW_HEIGHT_PX = 36;

/**
 * A table that renders only the rows in view (TanStack Virtual), so thousands of rows scroll as
 * fast as ten. ARIA table roles keep it a table for screen readers: the row count is announced
 * and each rendered row carries its index. The scroll area is focusable, so the keyboard scrolls.
 */
export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  label,
  onRowClick,
  heightPx = 480,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  onRowClick?: (row: T) => void;
  heightPx?: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });
  const template = columns.map((c) => c.width ?? '1fr').join(' ');
  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="vtable-head" role="rowgroup">
        <div
          className="vtable-row"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template }}
        >
          {columns.map((c) => (
            <div key={c.key} role="columnheader" className={c.numeric ? 'num' : undefined}>
              {c.header}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="vtable-body"
        role="rowgroup"
        tabIndex={0}
        style={{ maxHeight: heightPx }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <div
                key={rowKey(row)}
                className={`vtable-row${onRowClick ? ' clickable' : ''}`}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={onRowClick ? 0 : undefined}
                onClick={
                  onRowClick
                    ? () => {
                        onRowClick(row);
                      }
                    : undefined
                }
                onKeyDown={
                  onRowClick
                    ? (event) => {
                        if (event.key === 'Enter' || event.key === ' ') {
                          event.preventDefault();
                          onRowClick(row);
                        }
                      }
                    : undefined
                }
                style={{
                  gridTemplateColumns: template,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell" className={c.numeric ? 'num' : undefined}>
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
