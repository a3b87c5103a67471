import { describe, expect, it } from 'vitest';
import { applyPromotions } from './apply-promotions';
import { type PromotionLineInput } from './promotion-lines';
import { monday, pieces, promotion, target } from './promotion.fixtures';
import { type Promotion } from './promotion-schemas';
import { type PromotionContext } from './promotion-window';

/**
 * Hand-worked examples, one or more per kind of offer. Amounts are paise; each comment shows the
 * arithmetic the expected numbers come from.
 */

function run(
  lines: readonly PromotionLineInput[],
  promotions: readonly Promotion[],
  context: PromotionContext = monday,
) {
  const outcome = applyPromotions({ ...context, lines, promotions });
  return {
    perLine: outcome.lines.map((l) => l.discountMinor),
    applied: outcome.applied.map((a) => [a.promotionId, a.savingMinor]),
    total: outcome.totalDiscountMinor,
  };
}

const soap = (qty: number) => pieces('soap', 4000, qty, { category: 'bath', brand: 'lux' });

describe('applyPromotions: item percent off', () => {
  it('takes the percentage of each matching line, half up on the paisa', () => {
    // Soap 3 × ₹45.50 = 13650; 10 % = 1365.0 → 1365.
    // Rice 1.250 kg at ₹60.00/kg = 7500; 7.5 % = 562.5 → 563 (half up).
    // Dal is not targeted: 0.
    const lines = [
      pieces('soap', 4550, 3),
      { ...pieces('rice', 6000, 1250), priceBasisQty: 1000 },
      pieces('dal', 12000, 1),
    ];
    const offers = [
      promotion('soap10', {
        kind: 'itemPercent',
        target: target({ productIds: ['soap'] }),
        percentBp: 1000,
      }),
      promotion('rice7', {
        kind: 'itemPercent',
        target: target({ productIds: ['rice'] }),
        percentBp: 750,
      }),
    ];
    expect(run(lines, offers)).toEqual({
      perLine: [1365, 563, 0],
      applied: [
        ['rice7', 563],
        ['soap10', 1365],
      ],
      total: 1928,
    });
  });
});

describe('applyPromotions: item amount off', () => {
  it('takes the amount per price basis, capped at the line value', () => {
    // Biscuits 4 × ₹30 = 12000; ₹5 off each: 4 × 500 = 2000.
    // Sugar 750 g at ₹48/kg = 3600; ₹10 off per kg: 1000 × 750 / 1000 = 750.
    // Matches 2 × ₹2 = 400; "₹5 off" would be 1000 but is capped at the line's 400.
    const lines = [
      pieces('biscuit', 3000, 4),
      { ...pieces('sugar', 4800, 750), priceBasisQty: 1000 },
      pieces('matches', 200, 2),
    ];
    const offers = [
      promotion('b5', {
        kind: 'itemAmount',
        target: target({ productIds: ['biscuit', 'matches'] }),
        amountMinor: 500,
      }),
      promotion('s10', {
        kind: 'itemAmount',
        target: target({ productIds: ['sugar'] }),
        amountMinor: 1000,
      }),
    ];
    expect(run(lines, offers).perLine).toEqual([2000, 750, 400]);
  });
});

describe('applyPromotions: category and brand offers', () => {
  it('selects lines by category or by brand', () => {
    // Dairy 5 %: milk 2 × ₹27 = 5400 → 270; paneer ₹90 = 9000 → 450; bread (bakery) 0.
    // Brand "amul" ₹2 off each: the paneer (amul) would get 200 < 450, so it keeps the 5 %;
    // amul butter (category "spreads") 3 × ₹56 = 16800 → 3 × 200 = 600.
    const lines = [
      pieces('milk', 2700, 2, { category: 'dairy', brand: 'nandini' }),
      pieces('paneer', 9000, 1, { category: 'dairy', brand: 'amul' }),
      pieces('bread', 4500, 1, { category: 'bakery' }),
      pieces('butter', 5600, 3, { category: 'spreads', brand: 'amul' }),
    ];
    const offers = [
      promotion('dairy5', {
        kind: 'itemPercent',
        target: target({ categories: ['dairy'] }),
        percentBp: 500,
      }),
      promotion('amul2', {
        kind: 'itemAmount',
        target: target({ brands: ['amul'] }),
        amountMinor: 200,
      }),
    ];
    expect(run(lines, offers)).toEqual({
      perLine: [270, 450, 0, 600],
      applied: [
        ['amul2', 600],
        ['dairy5', 720],
      ],
      total: 1320,
    });
  });
});

describe('applyPromotions: buy X get Y', () => {
  it('gives every third unit of the same item free', () => {
    // Buy 2 get 1 free, 7 shampoos at ₹120: groups = min(7/1, 7/2, 7/3) = 2 → 2 free = 24000.
    const offer = promotion('b2g1', {
      kind: 'buyXGetY',
      buy: target({ productIds: ['shampoo'] }),
      buyQtyBase: 2,
      get: target({ productIds: ['shampoo'] }),
      getQtyBase: 1,
    });
    expect(run([pieces('shampoo', 12000, 7)], [offer]).perLine).toEqual([24000]);
    // 2 shampoos are not a group: nothing free.
    expect(run([pieces('shampoo', 12000, 2)], [offer]).total).toBe(0);
  });

  it('gives a different item, at a percentage off', () => {
    // Buy 2 toothpastes (₹95) get a brush (₹40) half off: 3 pastes, 2 brushes →
    // groups = min(brushes 2/1, pastes 3/2, all 5/3) = 1 → one brush at 50 %: 4000 × 0.5 = 2000.
    // Brush ₹45.55 instead: 4555 × 5000 / 10000 = 2277.5 → 2278 (half up).
    const offer = promotion('paste-brush', {
      kind: 'buyXGetY',
      buy: target({ productIds: ['paste'] }),
      buyQtyBase: 2,
      get: target({ productIds: ['brush'] }),
      getQtyBase: 1,
      getPercentBp: 5000,
    });
    expect(run([pieces('paste', 9500, 3), pieces('brush', 4000, 2)], [offer]).perLine).toEqual([
      0, 2000,
    ]);
    expect(run([pieces('paste', 9500, 2), pieces('brush', 4555, 1)], [offer]).perLine).toEqual([
      0, 2278,
    ]);
  });

  it('applies the number of groups that saves most, which is not always the most groups', () => {
    // Buy 1 shampoo (₹100), get 2 of shampoo or conditioner (₹10) half off; 3 of each.
    // Two groups need 2 shampoos as buy units, so only 1 shampoo + 3 conditioners can be the
    // get units: (10000 + 3 × 1000) × 50 % = 6500. One group: 2 shampoos half off = 10000.
    const offer = promotion('hair', {
      kind: 'buyXGetY',
      buy: target({ productIds: ['shampoo'] }),
      buyQtyBase: 1,
      get: target({ productIds: ['shampoo', 'conditioner'] }),
      getQtyBase: 2,
      getPercentBp: 5000,
    });
    const lines = [pieces('shampoo', 10000, 3), pieces('conditioner', 1000, 3)];
    expect(run(lines, [offer]).perLine).toEqual([10000, 0]);
  });

  it('frees the dearest unit of a mixed set', () => {
    // Any 3 biscuits, 1 free: ₹50, ₹30, ₹20 → the ₹50 packet is free (best for the customer).
    const offer = promotion('bis', {
      kind: 'buyXGetY',
      buy: target({ categories: ['biscuit'] }),
      buyQtyBase: 2,
      get: target({ categories: ['biscuit'] }),
      getQtyBase: 1,
    });
    const lines = ['a', 'b', 'c'].map((id, i) =>
      pieces(id, [5000, 3000, 2000][i] ?? 0, 1, { category: 'biscuit' }),
    );
    expect(run(lines, [offer]).perLine).toEqual([5000, 0, 0]);
  });
});

describe('applyPromotions: multi-buy', () => {
  it('sells 3 for ₹100', () => {
    // 4 soaps at ₹40: one group of 3 = 12000 → 10000, saving 2000; the 4th is full price.
    const offer = promotion('soap3', {
      kind: 'multiBuy',
      target: target({ productIds: ['soap'] }),
      qtyBase: 3,
      priceMinor: 10000,
    });
    expect(run([soap(4)], [offer]).perLine).toEqual([2000]);
  });

  it('bundles the dearest units of a mix and spreads the saving by value', () => {
    // Any 3 soaps for ₹100: A ₹45 × 2, B ₹38 × 2 → group A, A, B = 9000 + 3800 = 12800,
    // saving 2800 over A 9000 : B 3800 → 1968.75 and 831.25 → 1968 + 831 = 2799, the paisa
    // left goes to the larger remainder (A): A 1969, B 831. One B is left, not a group.
    const offer = promotion('mix3', {
      kind: 'multiBuy',
      target: target({ categories: ['bath'] }),
      qtyBase: 3,
      priceMinor: 10000,
    });
    const lines = [
      pieces('b', 3800, 2, { category: 'bath' }),
      pieces('a', 4500, 2, { category: 'bath' }),
    ];
    expect(run(lines, [offer]).perLine).toEqual([831, 1969]);
  });

  it('never applies when the bundle would cost more than the units', () => {
    // 3 soaps at ₹30 = 9000 < ₹100: the customer pays 9000, not 10000.
    const offer = promotion('soap3', {
      kind: 'multiBuy',
      target: target({ productIds: ['soap'] }),
      qtyBase: 3,
      priceMinor: 10000,
    });
    expect(run([pieces('soap', 3000, 3)], [offer]).total).toBe(0);
  });
});

describe('applyPromotions: combo', () => {
  it('sells a burger and a cola for ₹99', () => {
    // Burger ₹80 + cola ₹40 = 12000 → 9900, saving 2100 over 8000 : 4000 → 1400 and 700.
    // The second cola has no burger: full price.
    const offer = promotion('meal', {
      kind: 'combo',
      components: [
        { target: target({ productIds: ['burger'] }), qtyBase: 1 },
        { target: target({ productIds: ['cola'] }), qtyBase: 1 },
      ],
      priceMinor: 9900,
    });
    expect(run([pieces('burger', 8000, 1), pieces('cola', 4000, 2)], [offer])).toEqual({
      perLine: [1400, 700],
      applied: [['meal', 2100]],
      total: 2100,
    });
  });
});

describe('applyPromotions: bill-value threshold', () => {
  const lines = [pieces('rice', 30000, 1), pieces('oil', 25000, 1)];

  it('takes ₹50 off a bill of ₹500 or more, spread by value', () => {
    // 30000 + 25000 = 55000 ≥ 50000 → 5000 over 30000 : 25000 = 2727.27 and 2272.73
    // → 2727 + 2272 = 4999; the paisa left goes to the larger remainder (oil): 2727, 2273.
    const offer = promotion('spend500', {
      kind: 'billThreshold',
      minValueMinor: 50000,
      off: { type: 'amount', amountMinor: 5000 },
    });
    expect(run(lines, [offer]).perLine).toEqual([2727, 2273]);
    // Below the threshold (rice alone, 30000): nothing.
    expect(run([pieces('rice', 30000, 1)], [offer]).total).toBe(0);
  });

  it('takes a percentage up to a cap, on the value after item offers', () => {
    // Oil 10 % off first: 2500. Value left 30000 + 22500 = 52500 ≥ 50000.
    // 10 % of 52500 = 5250, capped at 5000: rice 30000/52500 × 5000 = 2857.14 → 2857,
    // oil 22500/52500 × 5000 = 2142.86 → 2143. Oil total 2500 + 2143 = 4643.
    const offers = [
      promotion('oil10', {
        kind: 'itemPercent',
        target: target({ productIds: ['oil'] }),
        percentBp: 1000,
      }),
      promotion('spend500', {
        kind: 'billThreshold',
        minValueMinor: 50000,
        off: { type: 'percent', percentBp: 1000 },
        maxDiscountMinor: 5000,
      }),
    ];
    expect(run(lines, offers)).toEqual({
      perLine: [2857, 4643],
      applied: [
        ['oil10', 2500],
        ['spend500', 5000],
      ],
      total: 7500,
    });
  });
});

describe('applyPromotions: time windows and scope', () => {
  const happyHour = promotion(
    'hh',
    { kind: 'itemPercent', target: target({ productIds: ['soap'] }), percentBp: 2000 },
    {
      schedule: {
        validFrom: '2026-12-01',
        validTo: '2026-12-31',
        timeWindows: [{ from: '17:00', to: '19:00' }],
      },
    },
  );
  const weekend = promotion(
    'wk',
    { kind: 'itemPercent', target: target({ productIds: ['soap'] }), percentBp: 1000 },
    { schedule: { validFrom: '2026-12-01', validTo: '2026-12-31', weekdays: [6, 7] } },
  );

  it('applies a happy hour inside its window only (the end is exclusive)', () => {
    // 20 % of 4000 = 800.
    expect(run([soap(1)], [happyHour], { ...monday, time: '17:00' }).total).toBe(800);
    expect(run([soap(1)], [happyHour], { ...monday, time: '18:59' }).total).toBe(800);
    expect(run([soap(1)], [happyHour], { ...monday, time: '19:00' }).total).toBe(0);
    expect(run([soap(1)], [happyHour], { ...monday, time: '16:59' }).total).toBe(0);
  });

  it('applies a weekend offer on Saturday and Sunday only', () => {
    expect(run([soap(1)], [weekend], { ...monday, date: '2026-12-12' }).total).toBe(400);
    expect(run([soap(1)], [weekend], { ...monday, date: '2026-12-13' }).total).toBe(400);
    expect(run([soap(1)], [weekend], monday).total).toBe(0);
  });

  it('never applies an expired, not yet started, out-of-scope or other-currency offer', () => {
    const rule = {
      kind: 'itemPercent',
      target: target({ productIds: ['soap'] }),
      percentBp: 5000,
    } as const;
    const dead = [
      promotion('expired', rule, { schedule: { validFrom: '2026-11-01', validTo: '2026-12-06' } }),
      promotion('future', rule, { schedule: { validFrom: '2026-12-08', validTo: '2026-12-31' } }),
      promotion('other-store', rule, { scope: { level: 'stores', storeIds: ['s2'] } }),
      promotion('other-region', rule, { scope: { level: 'regions', regionIds: ['r2'] } }),
      promotion('dollars', rule, { currency: 'USD' }),
    ];
    expect(run([soap(2)], dead)).toEqual({ perLine: [0], applied: [], total: 0 });
    // The same offers on their own terms do apply: the last day, the store, the region.
    expect(run([soap(2)], dead.slice(0, 1), { ...monday, date: '2026-12-06' }).total).toBe(4000);
    expect(run([soap(2)], dead.slice(2, 3), { ...monday, storeId: 's2' }).total).toBe(4000);
    expect(run([soap(2)], dead.slice(3, 4), { ...monday, regionId: 'r2' }).total).toBe(4000);
  });
});

describe('applyPromotions: conflicts', () => {
  const tenOff = promotion('ten', {
    kind: 'itemPercent',
    target: target({ productIds: ['soap'] }),
    percentBp: 1000,
  });
  const threeFor100 = promotion('three', {
    kind: 'multiBuy',
    target: target({ productIds: ['soap'] }),
    qtyBase: 3,
    priceMinor: 10000,
  });

  it('gives each unit the better of competing offers, never both', () => {
    // 4 soaps at ₹40: 3 for ₹100 saves 2000 on three; the 4th gets 10 % = 400. Total 2400,
    // better than 10 % on all (1600) or the multi-buy alone (2000).
    expect(run([soap(4)], [tenOff, threeFor100]).applied).toEqual([
      ['ten', 400],
      ['three', 2000],
    ]);
  });

  it('applies an exclusive offer alone, when it saves most', () => {
    // Exclusive 30 % on 4 soaps = 4800 > 2400 from the two others together.
    const exclusive = promotion(
      'thirty',
      { kind: 'itemPercent', target: target({ productIds: ['soap'] }), percentBp: 3000 },
      { exclusive: true },
    );
    expect(run([soap(4)], [tenOff, threeFor100, exclusive]).applied).toEqual([['thirty', 4800]]);
    // An exclusive 15 % (2400) ties with the two together: the tie goes to higher priority.
    const fifteen = (priority: number) =>
      promotion(
        'fifteen',
        { kind: 'itemPercent', target: target({ productIds: ['soap'] }), percentBp: 1500 },
        { exclusive: true, priority },
      );
    expect(run([soap(4)], [tenOff, threeFor100, fifteen(5)]).applied).toEqual([['fifteen', 2400]]);
    expect(run([soap(4)], [{ ...tenOff, priority: 9 }, threeFor100, fifteen(5)]).applied).toEqual([
      ['ten', 400],
      ['three', 2000],
    ]);
  });

  it('breaks a tie of equal priority by the smaller id', () => {
    const a = promotion(
      'a',
      { kind: 'itemAmount', target: target({ productIds: ['soap'] }), amountMinor: 500 },
      { exclusive: true },
    );
    const b = { ...a, id: 'b' };
    expect(run([soap(1)], [b, a]).applied).toEqual([['a', 500]]);
  });

  it('never combines two quantity offers that could take the same units', () => {
    // 6 soaps at ₹40 = 24000. "3 for ₹100" alone: 2 groups, 2 × (12000 − 10000) = 4000.
    // "Buy 2 get 1 free" alone: 2 free = 8000. Together they could share soaps, so they are
    // never combined: the better one (buy 2 get 1) applies on its own.
    const b2g1 = promotion('b2g1', {
      kind: 'buyXGetY',
      buy: target({ productIds: ['soap'] }),
      buyQtyBase: 2,
      get: target({ productIds: ['soap'] }),
      getQtyBase: 1,
    });
    expect(run([soap(6)], [threeFor100, b2g1]).applied).toEqual([['b2g1', 8000]]);
    // A combo on other products combines with the multi-buy: ₹100 for 3 soaps + tea and
    // biscuits (₹60 + ₹30) for ₹80 = 2000 + 1000.
    const teaTime = promotion('tea', {
      kind: 'combo',
      components: [
        { target: target({ productIds: ['tea'] }), qtyBase: 1 },
        { target: target({ productIds: ['biscuit'] }), qtyBase: 1 },
      ],
      priceMinor: 8000,
    });
    const lines = [soap(3), pieces('tea', 6000, 1), pieces('biscuit', 3000, 1)];
    expect(run(lines, [threeFor100, teaTime]).applied).toEqual([
      ['tea', 1000],
      ['three', 2000],
    ]);
  });

  it('still applies every offer when more than eight compete (all of them together)', () => {
    // Ten products at ₹10, each with its own 10 % offer: beyond 8 offers the search adds the plan
    // of all of them together, so all ten apply: 10 × 100.
    const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const offers = ids.map((id) =>
      promotion(`off-${id}`, {
        kind: 'itemPercent',
        target: target({ productIds: [id] }),
        percentBp: 1000,
      }),
    );
    const result = run(
      ids.map((id) => pieces(id, 1000, 1)),
      offers,
    );
    expect(result.total).toBe(1000);
    expect(result.applied).toHaveLength(10);
  });

  it('gives an offer held twice (same id) only once', () => {
    expect(run([soap(1)], [tenOff, { ...tenOff }]).applied).toEqual([['ten', 400]]);
  });

  it('gives no promotion to a line with a hand discount', () => {
    expect(
      run([soap(1), pieces('soap', 4000, 1, { category: 'bath', discountMinor: 100 })], [tenOff])
        .perLine,
    ).toEqual([400, 0]);
  });
});
