/**
 * The amount of an invoice in words, as Indian invoices print it under the total: Indian numbering
 * (hundred, thousand, lakh, crore; a crore count above 99 is itself spelled in that system, so
 * 1 000 crore is "One Thousand Crore"). Pure integer arithmetic on paise; never a float.
 *
 * English follows the usual invoice style, "Rupees … and … Paise Only", with "and" before the last
 * part under a hundred. Hindi numbers 1–99 are irregular words (इक्कीस, उनचास, …), so they come from
 * a table, not from tens + units; the words end in रुपये/रुपया … पैसे/पैसा मात्र.
 */

const EN_UNDER_20 = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
] as const;

const EN_TENS = [
  '',
  '',
  'Twenty',
  'Thirty',
  'Forty',
  'Fifty',
  'Sixty',
  'Seventy',
  'Eighty',
  'Ninety',
] as const;

/** 0–99 in Hindi, index = number. Every entry is its own word: Hindi has no regular tens + units. */
const HI_UNDER_100 = [
  'शून्य',
  'एक',
  'दो',
  'तीन',
  'चार',
  'पाँच',
  'छह',
  'सात',
  'आठ',
  'नौ',
  'दस',
  'ग्यारह',
  'बारह',
  'तेरह',
  'चौदह',
  'पंद्रह',
  'सोलह',
  'सत्रह',
  'अठारह',
  'उन्नीस',
  'बीस',
  'इक्कीस',
  'बाईस',
  'तेईस',
  'चौबीस',
  'पच्चीस',
  'छब्बीस',
  'सत्ताईस',
  'अट्ठाईस',
  'उनतीस',
  'तीस',
  'इकतीस',
  'बत्तीस',
  'तैंतीस',
  'चौंतीस',
  'पैंतीस',
  'छत्तीस',
  'सैंतीस',
  'अड़तीस',
  'उनतालीस',
  'चालीस',
  'इकतालीस',
  'बयालीस',
  'तैंतालीस',
  'चवालीस',
  'पैंतालीस',
  'छियालीस',
  'सैंतालीस',
  'अड़तालीस',
  'उनचास',
  'पचास',
  'इक्यावन',
  'बावन',
  'तिरपन',
  'चौवन',
  'पचपन',
  'छप्पन',
  'सत्तावन',
  'अट्ठावन',
  'उनसठ',
  'साठ',
  'इकसठ',
  'बासठ',
  'तिरसठ',
  'चौंसठ',
  'पैंसठ',
  'छियासठ',
  'सड़सठ',
  'अड़सठ',
  'उनहत्तर',
  'सत्तर',
  'इकहत्तर',
  'बहत्तर',
  'तिहत्तर',
  'चौहत्तर',
  'पचहत्तर',
  'छिहत्तर',
  'सतहत्तर',
  'अठहत्तर',
  'उन्यासी',
  'अस्सी',
  'इक्यासी',
  'बयासी',
  'तिरासी',
  'चौरासी',
  'पचासी',
  'छियासी',
  'सत्तासी',
  'अट्ठासी',
  'नवासी',
  'नब्बे',
  'इक्यानवे',
  'बानवे',
  'तिरानवे',
  'चौरानवे',
  'पचानवे',
  'छियानवे',
  'सत्तानवे',
  'अट्ठानवे',
  'निन्यानवे',
] as const;

type Language = 'en' | 'hi';

/** Indian place values, largest first: crore = 10^7, lakh = 10^5, thousand, hundred. */
const PLACES: readonly { readonly size: number; readonly en: string; readonly hi: string }[] = [
  { size: 10_000_000, en: 'Crore', hi: 'करोड़' },
  { size: 100_000, en: 'Lakh', hi: 'लाख' },
  { size: 1_000, en: 'Thousand', hi: 'हज़ार' },
  { size: 100, en: 'Hundred', hi: 'सौ' },
];

function under100(n: number, language: Language): string {
  if (language === 'hi') return HI_UNDER_100[n] ?? '';
  if (n < 20) return EN_UNDER_20[n] ?? '';
  const units = n % 10;
  const tens = EN_TENS[(n - units) / 10] ?? '';
  return units === 0 ? tens : `${tens} ${EN_UNDER_20[units] ?? ''}`;
}

/** A whole number ≥ 1 in words (no "Zero"); crore counts above 99 recurse. */
function wholeWords(n: number, language: Language): string {
  const parts: string[] = [];
  let rest = n;
  for (const place of PLACES) {
    const count = Math.floor(rest / place.size);
    if (count === 0) continue;
    rest -= count * place.size;
    const countWords = count < 100 ? under100(count, language) : wholeWords(count, language);
    parts.push(`${countWords} ${place[language]}`);
  }
  if (rest > 0) {
    // "Three Hundred and Five": English joins the last part under a hundred with "and".
    if (language === 'en' && parts.length > 0) parts.push('and');
    parts.push(under100(rest, language));
  }
  return parts.join(' ');
}

/**
 * An amount of paise in words.
 * @example
 * amountInWords(12030550, 'en'); // 'Rupees One Lakh Twenty Thousand Three Hundred and Five and Fifty Paise Only'
 * amountInWords(12030550, 'hi'); // 'एक लाख बीस हज़ार तीन सौ पाँच रुपये और पचास पैसे मात्र'
 * amountInWords(0, 'en');        // 'Rupees Zero Only'
 * amountInWords(1, 'en');        // 'One Paisa Only'
 */
export function amountInWords(minor: number, language: Language): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError('an amount is an integer of paise');
  if (minor < 0) return `${language === 'en' ? 'Minus' : 'ऋण'} ${amountInWords(-minor, language)}`;
  const paise = minor % 100;
  const rupees = (minor - paise) / 100;
  if (language === 'en') {
    const paiseWords = `${under100(paise, 'en')} ${paise === 1 ? 'Paisa' : 'Paise'}`;
    if (rupees === 0) return paise === 0 ? 'Rupees Zero Only' : `${paiseWords} Only`;
    const rupeeWords = `Rupees ${wholeWords(rupees, 'en')}`;
    return paise === 0 ? `${rupeeWords} Only` : `${rupeeWords} and ${paiseWords} Only`;
  }
  const paiseWords = `${under100(paise, 'hi')} ${paise === 1 ? 'पैसा' : 'पैसे'}`;
  if (rupees === 0) return paise === 0 ? 'शून्य रुपये मात्र' : `${paiseWords} मात्र`;
  const rupeeWords = `${wholeWords(rupees, 'hi')} ${rupees === 1 ? 'रुपया' : 'रुपये'}`;
  return paise === 0 ? `${rupeeWords} मात्र` : `${rupeeWords} और ${paiseWords} मात्र`;
}
