import { type TaxRateRow, type TaxRateSchedule } from './tax-rate-schedule';

/**
 * The default Indian GST schedule, as data. It covers bills dated from 1 April 2024 (FY 2024-25)
 * and shows the GST 2.0 rationalisation in force from 22 September 2025: the 12 % and 28 % slabs
 * were folded into 5 % and 18 %, a 40 % rate was introduced for sin and luxury goods, 0.25 % and
 * 3 % remain for special goods, and tobacco and pan masala keep 28 % plus compensation cess until
 * the cess is wound up. Earlier dates find no rate (NO_RATE_IN_FORCE) rather than a guess.
 *
 * The tax classes group products by how their rate moved; the examples are typical kirana items.
 * HQ replicates the schedule in force as tax-rate documents; this constant is the seed and the
 * test fixture, not a source the apps should prefer over replicated data. Specific (per-unit)
 * cess, as on cigarettes, is not expressible in basis points and is not modelled.
 */

/** A tax class of the default schedule, with what it covers. */
export type IndianTaxClass = {
  readonly id: string;
  readonly description: string;
  /** Typical HSN headings of the goods in this class. */
  readonly exampleHsn: readonly string[];
};

/** The day GST 2.0 rates took effect. */
export const GST_2_EFFECTIVE_FROM = '2025-09-22';

const SCHEDULE_START = '2024-04-01';

/** The tax classes of the default schedule. */
export const INDIAN_TAX_CLASSES: readonly IndianTaxClass[] = [
  {
    id: 'gst-nil',
    description: 'Fresh produce, fresh milk, eggs, unbranded atta: nil',
    exampleHsn: ['0701', '0401', '0407'],
  },
  { id: 'gst-0.25', description: 'Rough precious stones: 0.25 %', exampleHsn: ['7102'] },
  { id: 'gst-3', description: 'Gold, silver and jewellery: 3 %', exampleHsn: ['7108', '7113'] },
  {
    id: 'gst-5',
    description: 'Sugar, tea, edible oil, spices: 5 % before and after',
    exampleHsn: ['1701', '0902', '1507'],
  },
  {
    id: 'gst-was-5-now-nil',
    description: 'UHT milk, pre-packaged paneer: 5 % → nil',
    exampleHsn: ['0401', '0406'],
  },
  {
    id: 'gst-was-12-now-5',
    description: 'Butter, ghee, cheese, namkeen, dry fruits: 12 % → 5 %',
    exampleHsn: ['0405', '0406', '2106'],
  },
  {
    id: 'gst-was-18-now-5',
    description: 'Hair oil, shampoo, toothpaste, toilet soap, biscuits: 18 % → 5 %',
    exampleHsn: ['3305', '3306', '3401', '1905'],
  },
  {
    id: 'gst-18',
    description: 'Other manufactured goods at the standard rate: 18 %',
    exampleHsn: ['3402', '8506'],
  },
  {
    id: 'gst-was-28-now-18',
    description: 'Air conditioners, televisions, cement: 28 % → 18 %',
    exampleHsn: ['8415', '8528', '2523'],
  },
  {
    id: 'gst-was-28-cess-now-40',
    description: 'Aerated drinks with added sugar: 28 % + 12 % cess → 40 %',
    exampleHsn: ['2202'],
  },
  {
    id: 'gst-28-cess-pan-masala',
    description: 'Pan masala: 28 % + 60 % compensation cess, unchanged',
    exampleHsn: ['2106'],
  },
];

function row(
  taxClassId: string,
  rateBp: number,
  cessBp: number,
  effectiveFrom: string,
  effectiveTo: string | null,
): TaxRateRow {
  return { taxClassId, rateBp, cessBp, effectiveFrom, effectiveTo };
}

/** Classes whose rate did not move on 22 Sept 2025: one open row each. */
const UNCHANGED: readonly [string, number, number][] = [
  ['gst-nil', 0, 0],
  ['gst-0.25', 25, 0],
  ['gst-3', 300, 0],
  ['gst-5', 500, 0],
  ['gst-18', 1800, 0],
  ['gst-28-cess-pan-masala', 2800, 6000],
];

/** Classes that moved: [id, rate before, cess before, rate from GST 2.0, cess from GST 2.0]. */
const MOVED: readonly [string, number, number, number, number][] = [
  ['gst-was-5-now-nil', 500, 0, 0, 0],
  ['gst-was-12-now-5', 1200, 0, 500, 0],
  ['gst-was-18-now-5', 1800, 0, 500, 0],
  ['gst-was-28-now-18', 2800, 0, 1800, 0],
  ['gst-was-28-cess-now-40', 2800, 1200, 4000, 0],
];

/** The default Indian schedule (see the module comment for what it covers). */
export const INDIAN_GST_SCHEDULE: TaxRateSchedule = {
  rows: [
    ...UNCHANGED.map(([id, rateBp, cessBp]) => row(id, rateBp, cessBp, SCHEDULE_START, null)),
    ...MOVED.flatMap(([id, beforeBp, beforeCessBp, afterBp, afterCessBp]) => [
      row(id, beforeBp, beforeCessBp, SCHEDULE_START, GST_2_EFFECTIVE_FROM),
      row(id, afterBp, afterCessBp, GST_2_EFFECTIVE_FROM, null),
    ]),
  ],
};
