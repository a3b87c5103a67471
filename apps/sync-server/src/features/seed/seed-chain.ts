/**
 * The demo chain: three regions, twelve company stores in real Indian cities and one small
 * franchise. The company's stores' GSTINs carry its PAN and their own state code (one registration
 * per state), with a valid GSTIN check character. The franchise, in Visakhapatnam, is its owner's
 * own business (another PAN, its own GSTIN in Andhra Pradesh, where the company has no store)
 * under the composition scheme, issuing bills of supply. It could not be one of the company's registrations: all registrations of a PAN opt for
 * composition together or not at all (the proviso to Section 10(2) of the CGST Act), and a
 * company selling in twelve states is far above the scheme's turnover limit.
 */

/** A region of the demo chain. */
export type SeedRegion = { id: string; code: string; nameEn: string; nameHi: string };

/** A store of the demo chain. */
export type SeedStore = {
  id: string;
  code: string;
  regionId: string;
  nameEn: string;
  nameHi: string;
  stateCode: string;
  gstin: string;
  address: string;
  /** The registered name of the GSTIN, printed on invoices beside the trade name. */
  legalName: string;
  composition: boolean;
  einvoicing: boolean;
};

/** The store whose enrolment code `pnpm start` prints. */
export const DEMO_STORE_CODE = 'BLR1';

/** The chain's PAN: 4th character C marks a company, 5th is the initial of its name (Kiryana). */
const CHAIN_PAN = 'AAKCK4821M';
const CHAIN_LEGAL_NAME = 'Kiryana Retail Private Limited';

/**
 * The Jaipur franchisee: a proprietor (4th PAN character P, 5th the initial of the surname), whose
 * legal name is the proprietor's own, trading as a Kiryana store under the composition scheme.
 */
const FRANCHISE = { code: 'VSK1', pan: 'ABFPA7315K', legalName: 'Ramesh Chand Agarwal' };

/**
 * The chain's Karnataka registration is marked e-invoicing so that the demo shows both kinds of
 * B2B invoice. (The threshold is on the aggregate turnover of the PAN, ₹5 crore since 1 Aug 2023,
 * Notification 10/2023-Central Tax, so a real chain this size would be e-invoicing everywhere.)
 */
const EINVOICING_STATE = '29';

export const SEED_REGIONS: readonly SeedRegion[] = [
  { id: 'reg-north', code: 'N', nameEn: 'North', nameHi: 'उत्तर' },
  { id: 'reg-west', code: 'W', nameEn: 'West', nameHi: 'पश्चिम' },
  { id: 'reg-south', code: 'S', nameEn: 'South', nameHi: 'दक्षिण' },
];

/** [code, region, state code, city, city in Hindi, locality] */
const STORES: readonly [string, string, string, string, string, string][] = [
  ['DEL1', 'reg-north', '07', 'Delhi', 'दिल्ली', 'Lajpat Nagar II, New Delhi 110024'],
  ['NOI1', 'reg-north', '09', 'Noida', 'नोएडा', 'Sector 18, Noida 201301'],
  ['LKO1', 'reg-north', '09', 'Lucknow', 'लखनऊ', 'Hazratganj, Lucknow 226001'],
  ['GGN1', 'reg-north', '06', 'Gurugram', 'गुरुग्राम', 'DLF Phase 4, Gurugram 122009'],
  ['MUM1', 'reg-west', '27', 'Mumbai', 'मुंबई', 'Dadar West, Mumbai 400028'],
  ['PUN1', 'reg-west', '27', 'Pune', 'पुणे', 'Kothrud, Pune 411038'],
  ['AMD1', 'reg-west', '24', 'Ahmedabad', 'अहमदाबाद', 'Navrangpura, Ahmedabad 380009'],
  ['JAI1', 'reg-west', '08', 'Jaipur', 'जयपुर', 'Malviya Nagar, Jaipur 302017'],
  ['BLR1', 'reg-south', '29', 'Bengaluru', 'बेंगलुरु', 'Jayanagar 4th Block, Bengaluru 560011'],
  ['MYS1', 'reg-south', '29', 'Mysuru', 'मैसूरु', 'Saraswathipuram, Mysuru 570009'],
  ['CHE1', 'reg-south', '33', 'Chennai', 'चेन्नई', 'T. Nagar, Chennai 600017'],
  ['HYD1', 'reg-south', '36', 'Hyderabad', 'हैदराबाद', 'Ameerpet, Hyderabad 500016'],
  // The franchise sorts last by code: the fleet simulator, which spreads terminals over the first
  // stores by code and bills every one as a tax invoice, reaches it only with 25+ terminals.
  [
    'VSK1',
    'reg-south',
    '37',
    'Visakhapatnam',
    'विशाखापत्तनम',
    'Dwaraka Nagar, Visakhapatnam 530016',
  ],
];

/**
 * The thirteen stores; a second company store in a state is an additional place of business of
 * that registration.
 */
export function seedStores(): SeedStore[] {
  // One GSTIN per state: stores sharing a state share the registration (entity number 1).
  return STORES.map(([code, regionId, stateCode, city, cityHi, locality]) => {
    const franchise = code === FRANCHISE.code;
    return {
      id: `st-${code.toLowerCase()}`,
      code,
      regionId,
      nameEn: `Kiryana ${city} ${locality.split(',')[0] ?? ''}`.trim(),
      nameHi: `किराना ${cityHi}`,
      stateCode,
      gstin: gstinFor(stateCode, franchise ? FRANCHISE.pan : CHAIN_PAN, '1'),
      address: locality,
      legalName: franchise ? FRANCHISE.legalName : CHAIN_LEGAL_NAME,
      composition: franchise,
      einvoicing: !franchise && stateCode === EINVOICING_STATE,
    };
  });
}

const GSTIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A GSTIN with its check character (the GSTN mod-36 scheme: weights 1, 2 alternating, each
 * product folded as quotient + remainder of 36).
 * @example gstinFor('29', 'AAKCK4821M', '1') // '29AAKCK4821M1Z' + check
 */
export function gstinFor(stateCode: string, pan: string, entity: string): string {
  const body = `${stateCode}${pan}${entity}Z`;
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const product = GSTIN_CHARS.indexOf(body.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return body + GSTIN_CHARS.charAt((36 - (sum % 36)) % 36);
}
