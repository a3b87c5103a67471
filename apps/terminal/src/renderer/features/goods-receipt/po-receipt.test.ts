import { createUuidV7Generator, type PurchaseOrderState } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import type { StepContext } from '../transfers/transfer-steps';
import { enteredToBase, lineVariance, poReceiptStep, receiptDefaults } from './po-receipt';

const clock = { now: () => Date.parse('2026-04-01T05:00:00.000Z') };
const ctx: StepContext = {
  storeId: 's-1',
  actorId: 'cashier-1',
  at: '2026-04-01T05:00:00.000Z',
  newId: createUuidV7Generator({ clock, random: (bytes) => bytes.fill(9) }),
};
const stamp = { by: 'hq', at: '2026-03-30T05:00:00.000Z' };
const po: PurchaseOrderState = {
  poId: '0190f5a0-0000-7000-8000-000000000002',
  storeId: 's-1',
  supplierId: 'sup-1',
  status: 'sent',
  created: stamp,
  approved: stamp,
  sent: stamp,
  ended: null,
  lines: [
    {
      productId: 'soap',
      orderUnitName: 'case',
      baseUnitsPerOrderUnit: 24,
      orderedQtyOrderUnits: 2,
      orderedQtyBase: 48,
      costMinorPerOrderUnit: 25000,
      receivedQtyBase: 0,
    },
  ],
  receipts: [],
  appliedFactIds: [],
};

describe('a goods receipt against a PO', () => {
  it('prefills the cost per piece from the case price and converts packs to pieces', () => {
    expect(receiptDefaults(po)[0]).toMatchObject({
      unitCostMinor: 1042,
      baseUnitsPerOrderUnit: 24,
    });
    expect(enteredToBase(2, 'packs', 24)).toBe(48);
    expect(enteredToBase(5, 'units', 24)).toBe(5);
    expect(enteredToBase(-1, 'packs', 24)).toBeUndefined();
    expect(enteredToBase(1.5, 'units', 24)).toBeUndefined();
  });

  it('shows over- and under-delivery after this delivery', () => {
    expect(lineVariance({ orderedQtyBase: 48, receivedSoFarQtyBase: 24 }, 30)).toEqual({
      afterQtyBase: 54,
      overQtyBase: 6,
      underQtyBase: 0,
    });
    expect(lineVariance({ orderedQtyBase: 48, receivedSoFarQtyBase: 0 }, 30).underQtyBase).toBe(18);
  });

  const delivery = (qty: number) => ({
    supplierInvoiceNo: ' AT/77 ',
    supplierInvoiceDate: '2026-04-01',
    lines: [
      {
        productId: 'soap',
        receivedQtyBase: qty,
        unitCostMinor: 1042,
        batchNo: 'B1',
        expiryDate: '2027-01-31',
      },
    ],
  });

  it('builds a receive po-step the machine accepts, and refuses over-delivery without the permission', () => {
    const result = poReceiptStep(ctx, po, delivery(30), false);
    if (!result.ok) throw new Error(result.message);
    expect(result.row).toMatchObject({
      kind: 'po-step',
      status: 'receive',
      storeId: 's-1',
      docId: po.poId,
    });
    expect(result.row.body).toMatchObject({ supplierInvoiceNo: 'AT/77', actorId: 'cashier-1' });
    expect(result.state.status).toBe('partly_received');
    expect(poReceiptStep(ctx, po, delivery(50), false)).toMatchObject({
      ok: false,
      code: 'OVER_DELIVERY_NOT_ALLOWED',
    });
    expect(poReceiptStep(ctx, po, delivery(50), true)).toMatchObject({ ok: true });
  });

  it('asks for an invoice number and at least one received line', () => {
    expect(
      poReceiptStep(ctx, po, { ...delivery(30), supplierInvoiceNo: ' ' }, false),
    ).toMatchObject({ ok: false, code: 'INVALID' });
    expect(poReceiptStep(ctx, po, delivery(0), false)).toMatchObject({
      ok: false,
      code: 'INVALID',
    });
  });
});
