import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gstinCheckCharacter, validateGstin, verifiedGstinSchema } from './gstin';
import { GST_STATE_CODES, gstStateByCode } from './gstin-state-codes';

/**
 * GSTINs published by others, checked before trusting our own computations.
 * In orders of the GST Advance Ruling authorities (government bodies under sections 96 and 99 of
 * the CGST Act; text as reproduced at salestaxindia.com):
 * - 27AAJCP8025A1ZL: M/s. Patle Eduskills Foundation, Nagpur, "GSTIN Number" in Maharashtra
 *   Authority for Advance Ruling No. GST-ARA-53/2020-21/B-78 dated 08 June 2022.
 * - 24AAATT6829N1ZY: Nirma University, Ahmedabad, "GSTIN of the appellant" in Gujarat Appellate
 *   Authority for Advance Ruling, Appeal No. GUJ/GAAAR/APPEAL/2021/09 dated 08 March 2021.
 * Elsewhere:
 * - 05AAACG2115R1ZN and 05AAACG2140A1ZL: the test taxpayers of NIC's e-way bill sandbox, as
 *   configured by integrations such as ERPNext's India Compliance.
 * - 27AAPFU0939F1ZV: the worked example of the check character in the insufina.in explainer
 *   (https://www.insufina.in/2022/09/06/what-is-check-sum-digit/: sum 221, 221 mod 36 = 5,
 *   36 − 5 = 31 = 'V') and a test vector of python-stdnum's GSTIN module, with 29AAGCB7383J1Z4.
 * NIC's e-invoice sandbox page (einv-apisandbox.nic.in, Generate IRN) prints 29AWGPV7107B1Z1 as a
 * buyer: that one does not pass the check (the sandbox accepts dummies), see the invalid cases.
 */
const PUBLISHED_VALID = [
  '27AAJCP8025A1ZL',
  '24AAATT6829N1ZY',
  '05AAACG2115R1ZN',
  '05AAACG2140A1ZL',
  '27AAPFU0939F1ZV',
  '29AAGCB7383J1Z4',
];

/** Computed with our implementation, once it agreed with the published ones above. */
const COMPUTED_VALID = [
  '38AAACL1234M1ZH', // Ladakh
  '97AAACO4321K1ZC', // Other Territory
  '07AABCK1234L1ZO', // Delhi
  '24AAACR5055K2ZC', // Gujarat, second registration of the PAN in the state
  '25AAACD1234E1ZD', // legacy Daman and Diu code, still valid
];

describe('validateGstin', () => {
  it.each(PUBLISHED_VALID)('accepts the published GSTIN %s', (gstin) => {
    expect(validateGstin(gstin)).toEqual({
      ok: true,
      gstin,
      stateCode: gstin.slice(0, 2),
      pan: gstin.slice(2, 12),
    });
  });

  it.each(COMPUTED_VALID)('accepts %s', (gstin) => {
    expect(validateGstin(gstin).ok).toBe(true);
  });

  it('works the check character out by hand for 27AAPFU0939F1Z', () => {
    // values 2,7,10,10,25,15,30,0,9,3,9,15,1,35 × 1,2,1,2,… → per-position quotient + remainder:
    // 2, 14, 10, 20, 25, 30, 30, 0, 9, 6, 9, 30, 1, 70 → 1+34 = 35; sum = 221; 221 mod 36 = 5;
    // 36 − 5 = 31 = 'V'.
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
  });

  it('normalises case and surrounding spaces', () => {
    expect(validateGstin(' 27aapfu0939f1zv ')).toMatchObject({
      ok: true,
      gstin: '27AAPFU0939F1ZV',
    });
  });

  it.each([
    ['27AAPFU0939F1ZA', 'BAD_CHECK_CHARACTER'], // last character changed
    ['29AWGPV7107B1Z1', 'BAD_CHECK_CHARACTER'], // NIC sandbox dummy (should end in F)
    ['27AAPFU0939F1ZV'.replace('0939', '0993'), 'BAD_CHECK_CHARACTER'], // two digits swapped
    ['39AAPFU0939F1ZV', 'UNKNOWN_STATE'],
    ['00AAPFU0939F1ZV', 'UNKNOWN_STATE'],
    ['99AAPFU0939F1ZV', 'UNKNOWN_STATE'],
    ['27AAPFU0939F1Z', 'BAD_SHAPE'], // 14 characters
    ['27AAPFU0939F1ZV0', 'BAD_SHAPE'], // 16 characters
    ['27AAPF10939F1ZV', 'BAD_SHAPE'], // PAN with a digit among its letters
    ['27AAPFU0939F0ZV', 'BAD_SHAPE'], // entity code 0
    ['27AAPFU0939F1YV', 'BAD_SHAPE'], // 14th character not Z
    ['37ARZPT4384Q1MT', 'BAD_SHAPE'], // NIC e-invoice sandbox seller: M where Z belongs
    ['27-AAPFU0939F1ZV', 'BAD_SHAPE'],
    ['', 'BAD_SHAPE'],
  ])('refuses %s with %s', (gstin, problem) => {
    expect(validateGstin(gstin)).toMatchObject({ ok: false, problem });
  });

  it('detects every single-character substitution (a Luhn mod N property)', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
    fc.assert(
      fc.property(
        fc.constantFrom(...PUBLISHED_VALID, ...COMPUTED_VALID),
        fc.integer({ min: 0, max: 14 }),
        fc.constantFrom(...alphabet),
        (gstin, position, replacement) => {
          fc.pre(gstin.charAt(position) !== replacement);
          const typo = gstin.slice(0, position) + replacement + gstin.slice(position + 1);
          expect(validateGstin(typo).ok).toBe(false);
        },
      ),
    );
  });

  it('backs verifiedGstinSchema, which takes the canonical form only and converts to JSON Schema', () => {
    expect(verifiedGstinSchema.parse('05AAACG2115R1ZN')).toBe('05AAACG2115R1ZN');
    expect(verifiedGstinSchema.safeParse('05aaacg2115r1zn').success).toBe(false);
    const refused = verifiedGstinSchema.safeParse('05AAACG2115R1ZM');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/check character/);
    expect(verifiedGstinSchema.safeParse('39AAPFU0939F1ZV').error?.issues[0]?.message).toMatch(
      /state/,
    );
    expect(z.toJSONSchema(verifiedGstinSchema)).toMatchObject({ type: 'string' });
  });
});

describe('GST state codes', () => {
  it('holds 38 Ladakh and 97 Other Territory, and nothing twice', () => {
    expect(gstStateByCode('38')?.name.en).toBe('Ladakh');
    expect(gstStateByCode('97')?.name.en).toBe('Other Territory');
    expect(gstStateByCode('37')?.name.hi).toBe('आंध्र प्रदेश');
    expect(new Set(GST_STATE_CODES.map((s) => s.code)).size).toBe(GST_STATE_CODES.length);
    expect(GST_STATE_CODES.map((s) => s.code)).toEqual([
      ...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, '0')),
      '97',
    ]);
  });

  it('marks only the codes no longer issued as legacy', () => {
    expect(GST_STATE_CODES.filter((s) => s.legacy).map((s) => s.code)).toEqual(['25', '28']);
  });
});
