import { describe, expect, it } from 'vitest';
import type { SalesRow } from '../../api/types';
import { salesChartBars } from './sales-chart';

const row = (key: string, label: string, netMinor: number, labelHi = ''): SalesRow => ({
  key,
  label,
  labelHi,
  netMinor,
  roundOffMinor: null,
  taxableMinor: netMinor,
  taxMinor: 0,
  qtyBase: 1,
  bills: 1,
});

const money = (minor: number) => `₹${String(minor / 100)}`;

describe('salesChartBars', () => {
  it('labels each bar with the store, product or category it stands for, largest first', () => {
    const rows = [
      row('s1', 'BLR1 Indiranagar', 5_000),
      row('s2', 'BLR2 Koramangala', 9_000),
      row('s3', 'MUM1 Andheri', 7_000),
      row('s4', 'MUM2 Bandra', 1_000),
    ];
    const bars = salesChartBars(rows, 'store', { label: (r) => r.label, money, date: (d) => d });
    expect(bars.map((b) => b.label)).toEqual([
      'BLR2 Koramangala',
      'MUM1 Andheri',
      'BLR1 Indiranagar',
      'MUM2 Bandra',
    ]);
    expect(bars.map((b) => b.title)).toEqual([
      'BLR2 Koramangala — ₹90',
      'MUM1 Andheri — ₹70',
      'BLR1 Indiranagar — ₹50',
      'MUM2 Bandra — ₹10',
    ]);
    const products = salesChartBars([row('p1', 'TEA-001 Assam Tea', 1, 'असम चाय')], 'product', {
      label: (r) => r.labelHi || r.label,
      money,
      date: (d) => d,
    });
    expect(products.map((b) => b.label)).toEqual(['असम चाय']);
  });

  it('labels days with their date, in calendar order, the latest 31', () => {
    const days = Array.from({ length: 40 }, (_, i) => {
      const date = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
      return row(date, date, 100 + i);
    });
    const bars = salesChartBars(days, 'day', {
      label: (r) => r.label,
      money,
      date: (d) => `day ${d}`,
    });
    expect(bars).toHaveLength(31);
    expect(bars[0]?.label).toBe('day 2026-01-10');
    expect(bars.at(-1)?.label).toBe('day 2026-02-09');
  });
});
