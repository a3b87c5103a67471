import { describe, expect, it } from 'vitest';
import { type StockMovement, STOCK_MOVEMENT_SCHEMA_VERSION } from '../documents/index';
import { MOVEMENT_DOCUMENT_CODES } from '../errors/index';
import { checkMovementDocument, MAX_PLAUSIBLE_QTY_BASE } from './movement-document-checks';

const receipt: StockMovement = {
  id: '01890a5d-ac96-774b-bcce-b302099a8057',
  schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
  storeId: 'store-1',
  productId: 'salt',
  kind: 'receipt',
  qtyDeltaBase: 12,
  reason: null,
  note: null,
  refId: null,
  unitCostMinor: 3100,
  supplier: 'Agarwal Traders',
  supplierInvoiceNo: 'AT/991',
  terminalId: 'device-1',
  cashierId: null,
  createdAt: '2026-04-01T04:30:00.000Z',
  _deleted: false,
};

describe('checkMovementDocument', () => {
  it('accepts a receipt, an adjustment with a reason and a count of zero in its own store', () => {
    expect(checkMovementDocument(receipt, { storeId: 'store-1' })).toEqual([]);
    const damage = { ...receipt, kind: 'adjustment' as const, qtyDeltaBase: -2, reason: 'damage' };
    expect(checkMovementDocument(damage)).toEqual([]);
    expect(checkMovementDocument({ ...receipt, kind: 'count', qtyDeltaBase: 0 })).toEqual([]);
  });

  it('refuses a movement of another store', () => {
    expect(checkMovementDocument(receipt, { storeId: 'store-2' })).toEqual([
      {
        code: 'SCOPE_VIOLATION',
        path: 'storeId',
        message: 'The movement names a store this device is not enrolled in.',
      },
    ]);
  });

  it('refuses sale and return movements and derived ids: only the server derives them', () => {
    const derived = {
      code: 'DERIVED_MOVEMENT',
      path: 'kind',
      message: 'Sale and return movements are derived by the server from the sale document.',
    };
    expect(checkMovementDocument({ ...receipt, kind: 'sale', qtyDeltaBase: -1 })).toEqual([
      derived,
    ]);
    expect(checkMovementDocument({ ...receipt, kind: 'return' })).toEqual([derived]);
    expect(checkMovementDocument({ ...receipt, id: `${receipt.id}:1` })).toEqual([derived]);
  });

  it('refuses an implausible quantity either way', () => {
    const qty = MAX_PLAUSIBLE_QTY_BASE + 1;
    const adjustment = { ...receipt, kind: 'adjustment' as const, reason: 'correction' };
    expect(checkMovementDocument({ ...adjustment, qtyDeltaBase: -qty })).toEqual([
      {
        code: 'QTY_IMPLAUSIBLE',
        path: 'qtyDeltaBase',
        message: `A quantity of ${-qty} base units is implausible.`,
      },
    ]);
    expect(checkMovementDocument({ ...receipt, qtyDeltaBase: MAX_PLAUSIBLE_QTY_BASE })).toEqual([]);
  });

  it('refuses an unknown reason before the sign and reason rules', () => {
    expect(
      checkMovementDocument({ ...receipt, kind: 'adjustment', qtyDeltaBase: 0, reason: 'gift' }),
    ).toEqual([
      { code: 'UNKNOWN_REASON', path: 'reason', message: '"gift" is not an adjustment reason.' },
    ]);
  });

  it('refuses what validateStockMovement refuses, with its code', () => {
    const problem = (code: string, path: string) => ({
      code,
      path,
      message: `The movement breaks ${code}.`,
    });
    expect(checkMovementDocument({ ...receipt, qtyDeltaBase: -3 })).toEqual([
      problem('WRONG_SIGN_FOR_KIND', 'qtyDeltaBase'),
    ]);
    expect(checkMovementDocument({ ...receipt, qtyDeltaBase: 0 })).toEqual([
      problem('ZERO_QUANTITY', 'qtyDeltaBase'),
    ]);
    expect(checkMovementDocument({ ...receipt, kind: 'adjustment', qtyDeltaBase: -1 })).toEqual([
      problem('ADJUSTMENT_REASON_REQUIRED', 'reason'),
    ]);
    expect(checkMovementDocument({ ...receipt, reason: 'damage' })).toEqual([
      problem('REASON_ONLY_FOR_ADJUSTMENT', 'reason'),
    ]);
  });

  it('lists problems in the order of MOVEMENT_DOCUMENT_CODES', () => {
    const codes = checkMovementDocument(
      { ...receipt, kind: 'sale', qtyDeltaBase: 5, storeId: 'store-9' },
      { storeId: 'store-1' },
    ).map((p) => p.code);
    expect(codes).toEqual(['SCOPE_VIOLATION', 'DERIVED_MOVEMENT', 'WRONG_SIGN_FOR_KIND']);
    const order = codes.map((code) => MOVEMENT_DOCUMENT_CODES.indexOf(code));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
