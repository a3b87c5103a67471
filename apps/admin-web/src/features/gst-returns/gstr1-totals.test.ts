import type { Gstr1Json } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { gstr1Totals, paiseOfRupees } from './gstr1-totals';

const json: Gstr1Json = {
  gstin: '27AAPFU0939F1ZV',
  fp: '032026',
  b2b: [
    {
      ctin: '29AAFCC9980M1ZR',
      inv: [
        {
          inum: 'T1/25/000002',
          idt: '03-03-2026',
          val: 128.6,
          pos: '27',
          rchrg: 'N',
          inv_typ: 'R',
          itms: [
            { num: 1, itm_det: { txval: 100, rt: 5, iamt: 0, camt: 2.5, samt: 2.5, csamt: 0 } },
            { num: 2, itm_det: { txval: 20, rt: 18, iamt: 0, camt: 1.8, samt: 1.8, csamt: 0 } },
          ],
        },
      ],
    },
  ],
  b2cl: [],
  b2cs: [
    {
      sply_ty: 'INTRA',
      pos: '27',
      typ: 'OE',
      rt: 18,
      txval: 0.1,
      iamt: 0,
      camt: 0.01,
      samt: 0.01,
      csamt: 0,
    },
    {
      sply_ty: 'INTRA',
      pos: '27',
      typ: 'OE',
      rt: 5,
      txval: 0.2,
      iamt: 0,
      camt: 0.01,
      samt: 0,
      csamt: 0,
    },
  ],
  cdnr: [],
  cdnur: [],
  hsn: { hsn_b2b: [], hsn_b2c: [] },
  doc_issue: { doc_det: [] },
};

describe('GSTR-1 section totals', () => {
  it('sums each table in paise, exactly', () => {
    expect(gstr1Totals(json).slice(0, 3)).toEqual([
      { section: 'b2b', count: 1, taxableMinor: 12000, taxMinor: 860 },
      { section: 'b2cl', count: 0, taxableMinor: 0, taxMinor: 0 },
      // 0.1 + 0.2 in floats is 0.30000000000000004; in paise it is 30.
      { section: 'b2cs', count: 2, taxableMinor: 30, taxMinor: 3 },
    ]);
  });

  it('reads rupees from their text and refuses more than two decimals', () => {
    expect(paiseOfRupees(118000)).toBe(11_800_000);
    expect(paiseOfRupees(-52.5)).toBe(-5250);
    expect(paiseOfRupees(0.07)).toBe(7);
    expect(() => paiseOfRupees(0.001)).toThrow(RangeError);
  });
});
