import { type TaxRateRow, type TaxRateSchedule } from './tax-rate-schedule';

/**
 * The default Indian GST schedule, as data. It covers bills dated from 1 April 2024 (FY 2024-25)
 * and shows two changes:
 * - GST 2.0 from 22 September 2025 (Notification 9/2025-Central Tax (Rate), 17 Sept 2025): the
 *   12 % and 28 % slabs were folded into 5 % and 18 %, a 40 % rate was introduced for sin and
 *   luxury goods, 0.25 % and 3 % remain for special goods; tobacco and pan masala kept 28 % plus
 *   compensation cess for the time being. Goods that became nil-rated (UHT milk, paneer) are in
 *   the exemption Notification 10/2025-Central Tax (Rate), and the cess on aerated drinks ended
 *   the same day (02/2025-Compensation Cess (Rate), G.S.R. 659(E), 17 Sept 2025).
 * - The end of compensation cess from 1 February 2026: Notification 19/2025-Central Tax (Rate)
 *   (G.S.R. 946(E), 31 Dec 2025, with 19/2025-Integrated and -Union Territory Tax (Rate)) moves
 *   pan masala (2106 90 20) and tobacco (2401, 2402, 2403 other than biris, 2404 11 00,
 *   2404 19 00) to 40 % and biris (2403 19 21, 2403 19 29) to 18 %, and omits the 28 % schedule;
 *   Notification 03/2025-Compensation Cess (Rate) (G.S.R. 945(E), 31 Dec 2025) makes their
 *   compensation cess Nil from the same day. The Health Security se National Security Cess
 *   (pan masala) and the new excise duty on tobacco are levied on the manufacturer, not on a
 *   retail bill, so they appear nowhere here.
 * Earlier dates find no rate (NO_RATE_IN_FORCE) rather than a guess; docs/gst.md lists the
 * notifications. A bill uses the row in force on its business date, so a bill dated 31 Jan 2026
 * keeps 28 % + cess and its return reuses the rates stored on its lines.
 *
 * The tax classes group products by how their rate moved; the examples are typical kirana items.
 * HQ replicates the schedule in force as tax-rate documents; this constant is the seed and the
 * test fixture, not a source the apps should prefer over replicated data. Specific (per-unit)
 * cess, as on cigarettes before 1 Feb 2026, is a row's `cessSpecificMinor` per
 * `cessSpecificPerQty` base units (gst/specific-cess.ts); cess linked to the retail sale price
 * (chewing tobacco, pan masala with a declared RSP) is not modelled.
 */

/**
 * A tax class of the default schedule, with what it covers. Ids are stable keys that products
 * and replicated tax-rate rows point at, so an id keeps its name when the rate it was named
 * after changes (`gst-28-cess-pan-masala` is 40 % without cess from 1 Feb 2026).
 */
export type IndianTaxClass = {
  readonly id: string;
  readonly description: string;
  /** Typical HSN headings of the goods in this class. */
  readonly exampleHsn: readonly string[];
};

/** The day GST 2.0 rates took effect. */
export const GST_2_EFFECTIVE_FROM = '2025-09-22';

/**
 * The first day without compensation cess on pan masala and tobacco, and with those goods at
 * 40 % (biris 18 %): Notifications 19/2025-Central Tax (Rate) and 03/2025-Compensation Cess (Rate).
 */
export const COMPENSATION_CESS_END = '2026-02-01';

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
    description: 'Pan masala: 28 % + 60 % compensation cess → 40 % from 1 Feb 2026',
    exampleHsn: ['2106'],
  },
  {
    id: 'gst-biris',
    description: 'Biris: 28 % → 18 % from 1 Feb 2026',
    exampleHsn: ['2403'],
  },
  {
    id: 'gst-tobacco',
    // The description is the one migration 0430 wrote; cigarettes sold by the stick before
    // 1 Feb 2026 belong in the gst-cigarettes-* classes, which carry their specific cess.
    description: 'Cigarettes, chewing tobacco, gutkha: 40 % from 1 Feb 2026',
    exampleHsn: ['2401', '2402', '2403'],
  },
  {
    id: 'gst-cigarettes-65',
    description:
      'Cigarettes up to 65 mm, filter or not, sold by the stick: 28 % + cess 5 % + ₹2,076 per 1,000 → 40 % from 1 Feb 2026',
    exampleHsn: ['24022010', '24022030'],
  },
  {
    id: 'gst-cigarettes-filter-70',
    description:
      'Filter cigarettes over 65 mm up to 70 mm, sold by the stick: 28 % + cess 5 % + ₹2,747 per 1,000 → 40 % from 1 Feb 2026',
    exampleHsn: ['24022040'],
  },
  {
    id: 'gst-cigarettes-75',
    description:
      'Cigarettes over 65 mm (non-filter) or 70 mm (filter) up to 75 mm, sold by the stick: 28 % + cess 5 % + ₹3,668 per 1,000 → 40 % from 1 Feb 2026',
    exampleHsn: ['24022020', '24022050'],
  },
  {
    id: 'gst-cigarettes-other',
    description:
      'Other cigarettes containing tobacco, sold by the stick: 28 % + cess 36 % + ₹4,170 per 1,000 → 40 % from 1 Feb 2026',
    exampleHsn: ['24022090'],
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

/** Sticks per quantity the specific cess on cigarettes is quoted for ("per thousand"). */
const PER_THOUSAND_STICKS = 1000;

/**
 * Cigarettes until compensation cess ended: [id, cess ad valorem bp, specific cess in paise per
 * 1,000 sticks]. GST 28 % before (Schedule IV of 1/2017-Central Tax (Rate); from 22 Sept 2025
 * Schedule VII, 14 % CGST, of 9/2025), 40 % from 1 Feb 2026 (19/2025-Central Tax (Rate)). The
 * cess is S. Nos. 10–15 of the Schedule to Notification 1/2017-Compensation Cess (Rate) as
 * amended by 3/2017-Compensation Cess (Rate) (G.S.R. 892(E), 18 July 2017, in force that day):
 * S. Nos. 10 and 12 (2402 20 10, 2402 20 30) "5 % + ₹2076 per thousand", 13 (2402 20 40)
 * "5 % + ₹2747", 11 and 14 (2402 20 20, 2402 20 50) "5 % + ₹3668", 15 (2402 20 90)
 * "36 % + ₹4170"; Nil from 1 Feb 2026 (03/2025-Compensation Cess (Rate)). A product of these
 * classes counts sticks as its base unit, since the cess is per stick (a packet of 10 sells as 10).
 */
const CIGARETTES: readonly [string, number, number][] = [
  ['gst-cigarettes-65', 500, 207600],
  ['gst-cigarettes-filter-70', 500, 274700],
  ['gst-cigarettes-75', 500, 366800],
  ['gst-cigarettes-other', 3600, 417000],
];

/** Classes whose rate never moved: one open row each. */
const UNCHANGED: readonly [string, number, number][] = [
  ['gst-nil', 0, 0],
  ['gst-0.25', 25, 0],
  ['gst-3', 300, 0],
  ['gst-5', 500, 0],
  ['gst-18', 1800, 0],
];

/** Classes that moved: [id, rate before, cess before, rate from GST 2.0, cess from GST 2.0]. */
const MOVED: readonly [string, number, number, number, number][] = [
  ['gst-was-5-now-nil', 500, 0, 0, 0],
  ['gst-was-12-now-5', 1200, 0, 500, 0],
  ['gst-was-18-now-5', 1800, 0, 500, 0],
  ['gst-was-28-now-18', 2800, 0, 1800, 0],
  ['gst-was-28-cess-now-40', 2800, 1200, 4000, 0],
];

/**
 * Classes that moved when compensation cess ended: [id, rate before, cess before, rate after].
 * Pan masala's 60 % is the ad valorem cess of pan masala without a declared retail sale price;
 * with one, the cess was 0.32 × RSP per unit (about 6024 bp of the taxable value at 28 %), which
 * basis points on the taxable value approximate only.
 */
const CESS_ENDED: readonly [string, number, number, number][] = [
  ['gst-28-cess-pan-masala', 2800, 6000, 4000],
  ['gst-biris', 2800, 0, 1800],
];

/** The default Indian schedule (see the module comment for what it covers). */
export const INDIAN_GST_SCHEDULE: TaxRateSchedule = {
  rows: [
    ...UNCHANGED.map(([id, rateBp, cessBp]) => row(id, rateBp, cessBp, SCHEDULE_START, null)),
    ...MOVED.flatMap(([id, beforeBp, beforeCessBp, afterBp, afterCessBp]) => [
      row(id, beforeBp, beforeCessBp, SCHEDULE_START, GST_2_EFFECTIVE_FROM),
      row(id, afterBp, afterCessBp, GST_2_EFFECTIVE_FROM, null),
    ]),
    ...CESS_ENDED.flatMap(([id, beforeBp, beforeCessBp, afterBp]) => [
      row(id, beforeBp, beforeCessBp, SCHEDULE_START, COMPENSATION_CESS_END),
      row(id, afterBp, 0, COMPENSATION_CESS_END, null),
    ]),
    // Before 1 Feb 2026 these goods carried a cess linked to the retail sale price per unit
    // (e.g. 0.56 × RSP on chewing tobacco) that no rate on the taxable value expresses, so the
    // schedule starts on the day a plain rate applies.
    row('gst-tobacco', 4000, 0, COMPENSATION_CESS_END, null),
    ...CIGARETTES.flatMap(([id, cessBp, perThousandMinor]) => [
      {
        ...row(id, 2800, cessBp, SCHEDULE_START, COMPENSATION_CESS_END),
        cessSpecificMinor: perThousandMinor,
        cessSpecificPerQty: PER_THOUSAND_STICKS,
      },
      row(id, 4000, 0, COMPENSATION_CESS_END, null),
    ]),
  ],
};
