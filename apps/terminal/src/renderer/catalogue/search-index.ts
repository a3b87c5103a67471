/**
 * Search-as-you-type over the catalogue, in memory. Every word of a product's English name, Hindi
 * name, SKU and barcodes is a token in one sorted array; a query's words must each be a prefix of
 * some token of a product. The most selective word (the longest) picks candidates by binary search
 * over the sorted tokens, the others filter them, so a keystroke costs a few milliseconds with
 * 20,000 products instead of a scan of every name.
 */

/** What the index needs to know of a product. */
export type SearchableProduct = {
  readonly id: string;
  readonly nameEn: string;
  readonly nameHi: string;
  readonly sku: string;
  readonly barcodes: readonly string[];
};

/** A product search index. */
export type SearchIndex = {
  /** Ids of the best `limit` matches, best first. */
  search(query: string, limit: number): string[];
  /** Number of indexed products. */
  readonly size: number;
};

// Latin diacritics and the Devanagari nukta are dropped so "café" finds "cafe" and "पकौड़ा"
// finds "पकौडा"; Devanagari vowel signs are letters of the word and are kept.
const DROPPED_MARKS = /[\u0300-\u036f\u093c]/g;
const WORD_SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;

/**
 * Lower-cases and strips diacritics for matching.
 * @example
 * normalizeForSearch('Café  Coffee'); // 'cafe  coffee'
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(DROPPED_MARKS, '').normalize('NFC').toLowerCase();
}

/**
 * The words of a text, normalised.
 * @example
 * tokenize('Tata Salt (1 kg)'); // ['tata', 'salt', '1', 'kg']
 */
export function tokenize(text: string): string[] {
  return normalizeForSearch(text)
    .split(WORD_SEPARATORS)
    .filter((word) => word.length > 0);
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Entry = {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly nameEn: string;
  readonly nameHi: string;
};

function rank(entry: Entry, query: string, firstWord: string): number {
  if (entry.nameEn.startsWith(query) || entry.nameHi.startsWith(query)) return 0;
  if (entry.tokens[0]?.startsWith(firstWord) === true) return 1;
  return 2;
}

/**
 * Builds an index over products (rebuild it when the catalogue changes; 20,000 products take
 * tens of milliseconds).
 * @example
 * const index = buildSearchIndex(products);
 * index.search('tata sa', 20); // ids of "Tata Salt 1 kg", …
 */
export function buildSearchIndex(products: Iterable<SearchableProduct>): SearchIndex {
  const entries: Entry[] = [];
  const pairs: { token: string; owner: number }[] = [];
  for (const product of products) {
    const tokens = [
      ...new Set([
        ...tokenize(product.nameEn),
        ...tokenize(product.nameHi),
        ...tokenize(product.sku),
        ...product.barcodes,
      ]),
    ];
    const owner = entries.length;
    entries.push({
      id: product.id,
      tokens,
      nameEn: normalizeForSearch(product.nameEn),
      nameHi: normalizeForSearch(product.nameHi),
    });
    for (const token of tokens) pairs.push({ token, owner });
  }
  pairs.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : a.owner - b.owner));
  const tokens = pairs.map((pair) => pair.token);
  const owners = Int32Array.from(pairs, (pair) => pair.owner);
  // Marks candidates already seen in this search without clearing an array per keystroke.
  const seenIn = new Int32Array(entries.length);
  let generation = 0;

  return {
    size: entries.length,
    search(query, limit) {
      const words = tokenize(query);
      const [firstWord] = words;
      if (firstWord === undefined || limit <= 0) return [];
      const selective = words.reduce((a, b) => (b.length > a.length ? b : a));
      const others = words.filter((word) => word !== selective);
      const normalizedQuery = normalizeForSearch(query).trim();
      generation += 1;
      const matches: { entry: Entry; rank: number }[] = [];
      const end = lowerBound(tokens, `${selective}\uffff`);
      for (let i = lowerBound(tokens, selective); i < end; i++) {
        const owner = owners[i] ?? 0;
        if (seenIn[owner] === generation) continue;
        seenIn[owner] = generation;
        const entry = entries[owner];
        if (entry === undefined) continue;
        if (!others.every((word) => entry.tokens.some((token) => token.startsWith(word)))) continue;
        matches.push({ entry, rank: rank(entry, normalizedQuery, firstWord) });
      }
      matches.sort(
        (a, b) =>
          a.rank - b.rank ||
          a.entry.nameEn.length - b.entry.nameEn.length ||
          (a.entry.nameEn < b.entry.nameEn ? -1 : a.entry.nameEn > b.entry.nameEn ? 1 : 0),
      );
      return matches.slice(0, limit).map((match) => match.entry.id);
    },
  };
}
