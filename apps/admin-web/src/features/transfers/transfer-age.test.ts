import { describe, expect, it } from 'vitest';
import { ageInDays } from './transfer-age';

describe('ageInDays', () => {
  it('counts whole days since the request and never goes below zero', () => {
    const now = Date.parse('2026-01-03T12:00:00Z');
    expect(ageInDays('2026-01-01T00:00:00Z', now)).toBe(2);
    expect(ageInDays('2026-01-03T11:59:59Z', now)).toBe(0);
    expect(ageInDays('2026-01-02T12:00:00Z', now)).toBe(1);
    expect(ageInDays('2026-01-04T00:00:00Z', now)).toBe(0);
  });
});
