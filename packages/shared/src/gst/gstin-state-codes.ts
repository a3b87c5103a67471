/**
 * The GST state codes: the first two digits of every GSTIN and the place of supply on an invoice.
 * They are the Census 2011 state codes as adopted by GSTN, plus 97 (Other Territory, for the
 * offshore areas outside every state) and 38 (Ladakh, a separate Union Territory from 1 Jan 2020).
 *
 * Two codes are legacy but stay valid, because registrations made under them still exist:
 * 25 Daman and Diu (merged into 26 from 26 Jan 2020) and 28 Andhra Pradesh before the 2014
 * bifurcation (new registrations in Andhra Pradesh use 37).
 */
export type GstStateCodeEntry = {
  /** Two digits, as printed in the GSTIN. */
  readonly code: string;
  /** The state or Union Territory, in English and Hindi. */
  readonly name: { readonly en: string; readonly hi: string };
  /** True for codes no longer issued to new registrations (25, 28). */
  readonly legacy: boolean;
};

const entry = (code: string, en: string, hi: string, legacy = false): GstStateCodeEntry => ({
  code,
  name: { en, hi },
  legacy,
});

/** Every GST state code, in code order. */
export const GST_STATE_CODES: readonly GstStateCodeEntry[] = [
  entry('01', 'Jammu and Kashmir', 'जम्मू और कश्मीर'),
  entry('02', 'Himachal Pradesh', 'हिमाचल प्रदेश'),
  entry('03', 'Punjab', 'पंजाब'),
  entry('04', 'Chandigarh', 'चंडीगढ़'),
  entry('05', 'Uttarakhand', 'उत्तराखंड'),
  entry('06', 'Haryana', 'हरियाणा'),
  entry('07', 'Delhi', 'दिल्ली'),
  entry('08', 'Rajasthan', 'राजस्थान'),
  entry('09', 'Uttar Pradesh', 'उत्तर प्रदेश'),
  entry('10', 'Bihar', 'बिहार'),
  entry('11', 'Sikkim', 'सिक्किम'),
  entry('12', 'Arunachal Pradesh', 'अरुणाचल प्रदेश'),
  entry('13', 'Nagaland', 'नागालैंड'),
  entry('14', 'Manipur', 'मणिपुर'),
  entry('15', 'Mizoram', 'मिज़ोरम'),
  entry('16', 'Tripura', 'त्रिपुरा'),
  entry('17', 'Meghalaya', 'मेघालय'),
  entry('18', 'Assam', 'असम'),
  entry('19', 'West Bengal', 'पश्चिम बंगाल'),
  entry('20', 'Jharkhand', 'झारखंड'),
  entry('21', 'Odisha', 'ओडिशा'),
  entry('22', 'Chhattisgarh', 'छत्तीसगढ़'),
  entry('23', 'Madhya Pradesh', 'मध्य प्रदेश'),
  entry('24', 'Gujarat', 'गुजरात'),
  entry('25', 'Daman and Diu', 'दमन और दीव', true),
  entry('26', 'Dadra and Nagar Haveli and Daman and Diu', 'दादरा और नगर हवेली और दमन और दीव'),
  entry('27', 'Maharashtra', 'महाराष्ट्र'),
  entry('28', 'Andhra Pradesh (before 2014)', 'आंध्र प्रदेश (2014 से पहले)', true),
  entry('29', 'Karnataka', 'कर्नाटक'),
  entry('30', 'Goa', 'गोवा'),
  entry('31', 'Lakshadweep', 'लक्षद्वीप'),
  entry('32', 'Kerala', 'केरल'),
  entry('33', 'Tamil Nadu', 'तमिलनाडु'),
  entry('34', 'Puducherry', 'पुडुचेरी'),
  entry('35', 'Andaman and Nicobar Islands', 'अंडमान और निकोबार द्वीपसमूह'),
  entry('36', 'Telangana', 'तेलंगाना'),
  entry('37', 'Andhra Pradesh', 'आंध्र प्रदेश'),
  entry('38', 'Ladakh', 'लद्दाख'),
  entry('97', 'Other Territory', 'अन्य क्षेत्र'),
];

const BY_CODE: ReadonlyMap<string, GstStateCodeEntry> = new Map(
  GST_STATE_CODES.map((e) => [e.code, e]),
);

/**
 * The state code entry for two digits, or null when no state has that code.
 * @example
 * gstStateByCode('27')?.name.en; // 'Maharashtra'
 * gstStateByCode('39'); // null
 */
export function gstStateByCode(code: string): GstStateCodeEntry | null {
  return BY_CODE.get(code) ?? null;
}
