import { describe, expect, it } from 'vitest';
import { buyerOf, gstinFieldState, knownBuyersOf, pickKnownBuyer } from './buyer';

// Check characters worked out with the shared gstinCheckCharacter (Luhn mod 36).
const TN_BUYER = '33AABCT1332L1ZL';
const KA_BUYER = '29AAACK1234C1Z2';

describe('gstinFieldState', () => {
  it('is empty, then typing while every character can begin a GSTIN', () => {
    expect(gstinFieldState('  ')).toEqual({ kind: 'empty' });
    expect(gstinFieldState('33aab')).toEqual({ kind: 'typing', typed: 5 });
    expect(gstinFieldState('33AABCT1332L1Z')).toEqual({ kind: 'typing', typed: 14 });
  });

  it('names a wrong character as soon as it is typed', () => {
    expect(gstinFieldState('3A')).toMatchObject({ kind: 'invalid', problem: 'BAD_SHAPE' });
    expect(gstinFieldState('33AAB1')).toMatchObject({ kind: 'invalid', problem: 'BAD_SHAPE' });
    expect(gstinFieldState('99AAB')).toMatchObject({ kind: 'invalid', problem: 'UNKNOWN_STATE' });
  });

  it('checks the check character once all 15 are typed, and reads lowercase as capitals', () => {
    expect(gstinFieldState(TN_BUYER.toLowerCase())).toEqual({
      kind: 'valid',
      gstin: TN_BUYER,
      stateCode: '33',
    });
    expect(gstinFieldState('33AABCT1332L1ZA')).toMatchObject({
      kind: 'invalid',
      problem: 'BAD_CHECK_CHARACTER',
    });
    expect(gstinFieldState(`${TN_BUYER}X`)).toMatchObject({
      kind: 'invalid',
      problem: 'BAD_SHAPE',
    });
  });
});

describe('buyerOf', () => {
  it('takes a registered buyer’s state from the GSTIN, whatever the picker says', () => {
    expect(
      buyerOf({
        gstin: ` ${TN_BUYER} `,
        name: ' Hotel Saravana ',
        stateCode: '29',
        address: 'T. Nagar',
      }),
    ).toEqual({
      ok: true,
      buyer: { gstin: TN_BUYER, name: 'Hotel Saravana', stateCode: '33', address: 'T. Nagar' },
    });
  });

  it('accepts an unregistered buyer with a state from the list', () => {
    expect(buyerOf({ gstin: '', name: 'Ravi Caterers', stateCode: '32', address: '' })).toEqual({
      ok: true,
      buyer: { gstin: null, name: 'Ravi Caterers', stateCode: '32', address: '' },
    });
  });

  it('refuses a wrong GSTIN, a missing name and a state that does not exist, naming each', () => {
    expect(buyerOf({ gstin: '33AABCT1332L1ZA', name: '', stateCode: '', address: '' })).toEqual({
      ok: false,
      problems: [
        { field: 'gstin', key: 'buyer.gstinProblem.BAD_CHECK_CHARACTER' },
        { field: 'name', key: 'buyer.nameRequired' },
      ],
    });
    expect(buyerOf({ gstin: '', name: 'X', stateCode: '99', address: '' })).toEqual({
      ok: false,
      problems: [{ field: 'stateCode', key: 'buyer.stateRequired' }],
    });
    expect(buyerOf({ gstin: '33AAB', name: 'X', stateCode: '', address: '' })).toMatchObject({
      ok: false,
      problems: [{ field: 'gstin', key: 'buyer.gstinProblem.BAD_SHAPE' }],
    });
  });
});

describe('knownBuyersOf', () => {
  const hotel = { gstin: TN_BUYER, name: 'Hotel Saravana', stateCode: '33', address: '' };
  const caterer = { gstin: null, name: 'Ravi Caterers', stateCode: '32', address: '' };
  const shop = { gstin: KA_BUYER, name: 'Kumar Stores', stateCode: '29', address: '' };

  it('lists each buyer of earlier sales once, newest first, never from credit notes', () => {
    const buyers = knownBuyersOf([
      { kind: 'sale', buyer: hotel },
      { kind: 'sale', buyer: null },
      { kind: 'sale' },
      { kind: 'return', buyer: shop },
      { kind: 'sale', buyer: { ...caterer, name: 'RAVI CATERERS' } },
      { kind: 'sale', buyer: { ...hotel, name: 'Old name' } },
      { kind: 'sale', buyer: caterer },
    ]);
    expect(buyers.map((buyer) => buyer.name)).toEqual(['Hotel Saravana', 'RAVI CATERERS']);
    expect(pickKnownBuyer(buyers, TN_BUYER.toLowerCase())).toBe(buyers[0]);
    expect(pickKnownBuyer(buyers, 'ravi caterers')).toBe(buyers[1]);
    expect(pickKnownBuyer(buyers, 'nobody')).toBeUndefined();
  });
});
