import { describe, expect, it } from 'vitest';
import { pinProblem } from './pin-rule';

describe('pinProblem', () => {
  it('accepts 4 to 6 digits that are not trivial', () => {
    for (const pin of ['4827', '7391', '5064', '482731', '90210', '1357', '2468']) {
      expect(pinProblem(pin), pin).toBeNull();
    }
  });

  it('refuses what is not 4 to 6 digits', () => {
    for (const pin of ['', '123', '1234567', '12a4', ' 4827', '４８２７']) {
      expect(pinProblem(pin), pin).toBe('format');
    }
  });

  it('refuses repeated digits and ascending or descending runs', () => {
    const trivial = [
      '0000',
      '1111',
      '2222',
      '3333',
      '999999',
      '1234',
      '0123',
      '123456',
      '3456',
      '4321',
      '9876',
      '654321',
      '56789',
    ];
    for (const pin of trivial) expect(pinProblem(pin), pin).toBe('trivial');
  });
});
