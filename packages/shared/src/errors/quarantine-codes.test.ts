import { describe, expect, expectTypeOf, it } from 'vitest';
import { REFUND_EXCEEDS_PAID, RETURN_ORIGINAL_UNKNOWN } from '../bill/index';
import type { StockMovementErrorCode } from '../stock/index';
import {
  type MovementDocumentCode,
  QUARANTINE_CODES,
  SALE_DOCUMENT_CODES,
  SERVER_QUARANTINE_CODES,
} from './quarantine-codes';

describe('quarantine codes', () => {
  it('lists every code once, in SCREAMING_SNAKE', () => {
    expect(new Set(QUARANTINE_CODES).size).toBe(QUARANTINE_CODES.length);
    for (const code of QUARANTINE_CODES) expect(code).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
  });

  it('keeps the strings servers have stored since before the codes were shared', () => {
    // The quarantine table and its outbox events hold these; a renamed code would orphan them.
    expect([...SALE_DOCUMENT_CODES, ...SERVER_QUARANTINE_CODES].sort()).toEqual(
      [
        'BILL_OF_SUPPLY_WITH_TAX',
        'BUYER_GSTIN_INVALID',
        'CASHIER_NOT_IN_STORE',
        'COMPOSITION_TAX_INVOICE',
        'DUPLICATE_LINE_NO',
        'FACT_DELETED',
        'ID_IN_OTHER_SCOPE',
        'LINE_ARITHMETIC',
        'PAYMENTS_MISMATCH',
        'PLACE_OF_SUPPLY_MISMATCH',
        'QTY_IMPLAUSIBLE',
        'REFUND_EXCEEDS_PAID',
        'RETURN_ORIGINAL_UNKNOWN',
        'RETURN_WITHOUT_ORIGINAL',
        'SALE_WITH_ORIGINAL',
        'SCOPE_VIOLATION',
        'SUPPLY_TYPE_TAX',
        'TOTALS_MISMATCH',
      ].sort(),
    );
    expect(QUARANTINE_CODES).toContain(REFUND_EXCEEDS_PAID);
    expect(QUARANTINE_CODES).toContain(RETURN_ORIGINAL_UNKNOWN);
  });

  it('includes every code of the stock movement rules', () => {
    expectTypeOf<StockMovementErrorCode>().toExtend<MovementDocumentCode>();
  });
});
