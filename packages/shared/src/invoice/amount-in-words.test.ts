import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountInWords } from './amount-in-words';

const HI_0_TO_99 =
  'शून्य एक दो तीन चार पाँच छह सात आठ नौ दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस ' +
  'बीस इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस इकतीस बत्तीस तैंतीस चौंतीस ' +
  'पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस चालीस इकतालीस बयालीस तैंतालीस चवालीस पैंतालीस छियालीस ' +
  'सैंतालीस अड़तालीस उनचास पचास इक्यावन बावन तिरपन चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ साठ इकसठ ' +
  'बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर ' +
  'छिहत्तर सतहत्तर अठहत्तर उन्यासी अस्सी इक्यासी बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी ' +
  'नवासी नब्बे इक्यानवे बानवे तिरानवे चौरानवे पचानवे छियानवे सत्तानवे अट्ठानवे निन्यानवे';

const EN_WORDS: Record<string, number> = Object.fromEntries(
  [
    'Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen',
    'Fifteen Sixteen Seventeen Eighteen Nineteen',
  ]
    .join(' ')
    .split(' ')
    .map((word, i) => [word, i]),
);
for (const [i, word] of [
  'Twenty',
  'Thirty',
  'Forty',
  'Fifty',
  'Sixty',
  'Seventy',
  'Eighty',
  'Ninety',
].entries())
  EN_WORDS[word] = (i + 2) * 10;
const HI_WORDS: Record<string, number> = Object.fromEntries(
  HI_0_TO_99.split(' ').map((word, i) => [word, i]),
);
const SCALES: Record<string, number> = {
  Hundred: 100,
  Thousand: 1_000,
  Lakh: 100_000,
  Crore: 10_000_000,
  सौ: 100,
  हज़ार: 1_000,
  लाख: 100_000,
  करोड़: 10_000_000,
};

/**
 * Reads Indian-numbering words back into a number, independently of the code under test: a
 * scale word multiplies everything since the last larger scale (so "One Hundred and Twenty Crore"
 * is 120 crore), small words add.
 */
function parseWhole(words: readonly string[], small: Record<string, number>): number {
  // Stack of [scale, value] chunks: a scale word folds every chunk below it into one.
  const chunks: { scale: number; value: number }[] = [];
  let current = 0;
  for (const word of words) {
    if (word === 'and') continue;
    const scale = SCALES[word];
    if (scale === undefined) {
      const value = small[word];
      if (value === undefined) throw new Error(`unknown word ${word}`);
      current += value;
      continue;
    }
    let value = current;
    while (chunks.length > 0 && (chunks.at(-1)?.scale ?? 0) < scale)
      value += chunks.pop()?.value ?? 0;
    chunks.push({ scale, value: value * scale });
    current = 0;
  }
  return chunks.reduce((sum, c) => sum + c.value, current);
}

function parseEn(text: string): number {
  if (!text.endsWith(' Only')) throw new Error(`not an amount: ${text}`);
  const body = text.slice(0, -' Only'.length);
  const paiseMatch = / Pais[ae]$/.exec(body);
  // Paise words never hold "and" (they are under 100), so the last " and " splits rupees from paise.
  const cut = paiseMatch === null ? body.length : body.lastIndexOf(' and ');
  const rupeeText = body.startsWith('Rupees ')
    ? body.slice('Rupees '.length, cut < 0 ? body.length : cut)
    : '';
  const paiseText =
    paiseMatch === null
      ? ''
      : body.slice(body.startsWith('Rupees ') ? cut + ' and '.length : 0, paiseMatch.index);
  const rupees = rupeeText === '' ? 0 : parseWhole(rupeeText.split(' '), EN_WORDS);
  const paise = paiseText === '' ? 0 : parseWhole(paiseText.split(' '), EN_WORDS);
  return rupees * 100 + paise;
}

function parseHi(text: string): number {
  const m = /^(?:(.+?) (?:रुपये|रुपया))?(?:(?: और |^)(.+) (?:पैसे|पैसा))? मात्र$/.exec(text);
  if (m === null) throw new Error(`not an amount: ${text}`);
  const rupees = m[1] === undefined ? 0 : parseWhole(m[1].split(' '), HI_WORDS);
  const paise = m[2] === undefined ? 0 : parseWhole(m[2].split(' '), HI_WORDS);
  return rupees * 100 + paise;
}

describe('amountInWords', () => {
  it('spells the worked examples', () => {
    expect(amountInWords(1_20_305_50, 'en')).toBe(
      'Rupees One Lakh Twenty Thousand Three Hundred and Five and Fifty Paise Only',
    );
    expect(amountInWords(1_20_305_50, 'hi')).toBe('एक लाख बीस हज़ार तीन सौ पाँच रुपये और पचास पैसे मात्र');
    expect(amountInWords(0, 'en')).toBe('Rupees Zero Only');
    expect(amountInWords(0, 'hi')).toBe('शून्य रुपये मात्र');
    expect(amountInWords(1, 'en')).toBe('One Paisa Only');
    expect(amountInWords(1, 'hi')).toBe('एक पैसा मात्र');
    expect(amountInWords(100, 'en')).toBe('Rupees One Only');
    expect(amountInWords(100, 'hi')).toBe('एक रुपया मात्र');
    expect(amountInWords(99_99_99_999_99, 'en')).toBe(
      'Rupees Ninety Nine Crore Ninety Nine Lakh Ninety Nine Thousand Nine Hundred and Ninety Nine and Ninety Nine Paise Only',
    );
    expect(amountInWords(99_99_99_999_99, 'hi')).toBe(
      'निन्यानवे करोड़ निन्यानवे लाख निन्यानवे हज़ार नौ सौ निन्यानवे रुपये और निन्यानवे पैसे मात्र',
    );
    expect(amountInWords(1_00_500_00, 'en')).toBe('Rupees One Lakh Five Hundred Only');
    expect(amountInWords(1_005_00, 'en')).toBe('Rupees One Thousand and Five Only');
    expect(amountInWords(120_00_00_000_00, 'en')).toBe('Rupees One Hundred and Twenty Crore Only');
    expect(amountInWords(49_00, 'hi')).toBe('उनचास रुपये मात्र');
    expect(amountInWords(-250, 'en')).toBe('Minus Rupees Two and Fifty Paise Only');
  });

  it('has a word for each Hindi number 0–99', () => {
    HI_0_TO_99.split(' ').forEach((word, n) => {
      if (n > 1) expect(amountInWords(n * 100, 'hi')).toBe(`${word} रुपये मात्र`);
    });
  });

  it('refuses a non-integer amount', () => {
    expect(() => amountInWords(1.5, 'en')).toThrow(RangeError);
  });

  it('is never empty, deterministic, and reads back as the same amount', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 1e12 }),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        ),
        fc.constantFrom('en' as const, 'hi' as const),
        (minor, language) => {
          const words = amountInWords(minor, language);
          expect(words.trim()).not.toBe('');
          expect(words).not.toMatch(/ {2}|undefined/);
          expect(amountInWords(minor, language)).toBe(words);
          expect(language === 'en' ? parseEn(words) : parseHi(words)).toBe(minor);
        },
      ),
    );
  });
});
