import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format-date';
import { formatNumber, formatRateBp } from './format-number';

describe('formatNumber', () => {
  it('groups integers and places an exact decimal point for scaled values', () => {
    expect(formatNumber(1234567)).toBe('12,34,567');
    expect(formatNumber(1250, { scale: 3 })).toBe('1.250');
    expect(formatNumber(1250, { scale: 3, trimZeros: true })).toBe('1.25');
    expect(formatNumber(2000, { scale: 3, trimZeros: true })).toBe('2');
    expect(formatNumber(-5, { scale: 3 })).toBe('-0.005');
    expect(formatNumber(12345678901234567890n, { scale: 2 })).toBe('1,23,45,67,89,01,23,45,678.90');
    expect(formatNumber(42, { locale: 'hi-IN', numberingSystem: 'deva' })).toBe('४२');
  });

  it('refuses fractions, which must be passed as scaled integers', () => {
    expect(() => formatNumber(1.5)).toThrow(RangeError);
  });

  it('formats rates in basis points as percentages', () => {
    expect(formatRateBp(1800)).toBe('18%');
    expect(formatRateBp(25)).toBe('0.25%');
    expect(formatRateBp(0)).toBe('0%');
  });
});

describe('formatDate', () => {
  it('shows a plain business date as that calendar day', () => {
    expect(formatDate('2025-09-22')).toBe('22 Sept 2025');
    expect(
      formatDate('2025-09-22', { locale: 'hi-IN', numberingSystem: 'deva', dateStyle: 'long' }),
    ).toBe('२२ सितंबर २०२५');
  });

  it('shows an instant in India time by default, or in a given zone', () => {
    expect(formatDate('2025-09-21T20:00:00.000Z')).toBe('22 Sept 2025');
    expect(formatDate(new Date('2025-09-21T20:00:00.000Z'), { timeZone: 'UTC' })).toBe(
      '21 Sept 2025',
    );
    expect(formatDateTime('2025-09-21T20:00:00.000Z')).toBe('22 Sept 2025, 1:30 am');
  });
});
