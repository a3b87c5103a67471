import { MAX_PLAUSIBLE_QTY_BASE, MOVEMENT_DOCUMENT_CODES } from '@kiryana/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordMovements } from '../../src/renderer/db/facts';
import {
  adjustmentMovement,
  receiptMovements,
  type MovementMeta,
  type Receipt,
} from '../../src/renderer/features/stock/stock-documents';
import { en } from '../../src/renderer/i18n/resources-en';
import { hi } from '../../src/renderer/i18n/resources-hi';
import { movementMetaOf, openTestDatabase, type TestDatabase } from './open-test-database';

const HUGE_QTY = MAX_PLAUSIBLE_QTY_BASE * 2;

/** Salt, and two million tonnes of soap: each line alone passes the entry checks. */
const implausibleReceipt: Receipt = {
  supplier: 'Agarwal Traders',
  supplierInvoiceNo: 'AT/991',
  lines: [
    { productId: 'salt', qtyBase: 12, unitCostMinor: 1800 },
    { productId: 'soap', qtyBase: HUGE_QTY, unitCostMinor: 3100 },
  ],
};

describe('the counter refuses stock movements the server would quarantine', () => {
  let t: TestDatabase;
  let meta: MovementMeta;
  beforeEach(async () => {
    t = await openTestDatabase();
    meta = movementMetaOf(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('makes no receipt with an implausible line, and stores the receipt once the line is fixed', async () => {
    expect(receiptMovements(implausibleReceipt, meta)).toEqual({
      ok: false,
      problems: [{ index: 1, code: 'QTY_IMPLAUSIBLE' }],
    });

    const fixed = receiptMovements(
      {
        ...implausibleReceipt,
        lines: implausibleReceipt.lines.map((line) => ({ ...line, qtyBase: 12 })),
      },
      meta,
    );
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.problems));
    await recordMovements(t.db, fixed.movements);
    expect(await t.db['stock-movements'].count().exec()).toBe(2);
    expect(await t.db.outbox.count().exec()).toBe(2);
  });

  it('makes no adjustment of an implausible quantity', () => {
    expect(
      adjustmentMovement(
        { productId: 'salt', qtyDeltaBase: -HUGE_QTY, reason: 'theft', note: '' },
        meta,
      ),
    ).toEqual({ ok: false, code: 'QTY_IMPLAUSIBLE' });
  });

  it('explains every shared movement rule in every language', () => {
    for (const resources of [en, hi]) {
      const texts: Record<string, string> = resources.movementCheck;
      for (const code of MOVEMENT_DOCUMENT_CODES) expect(texts[code]).toMatch(/\S/);
    }
  });
});
