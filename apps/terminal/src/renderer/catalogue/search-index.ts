/**
 * Search-as-you-type over the catalogue, in memory. Every word of a product's English name, Hindi
 * name and SKU is a token in one sorted array; a query's words must each be a prefix of some token
 * of a product. The most selective word (the longest) picks candidates by binary search over the
 * sorted tokens, the others filter them, and only the best `limit` are kept (no full sort), so a
 * keystroke costs about a millisecond with 20,000 products. Barcodes are not tokens: a typed
 * barcode is looked up whole (see catalogue.ts), and digit prefixes shared by every EAN in the
 * store ("890…") would otherwise make each keystroke of a scan visit the whole catalogue.
 */

/** What the index needs to know of a product. */
export type SearchableProduct = {
  readonly id: string;
  readonly nameEn: string;
  readonly nameHi: string;
  readonly sku: string;
};

/** A product prepared for matching. */
export type SearchEntry = {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly nameEn: string;
  readonly nameHi: string;
};

/** A parsed query. */
export type SearchQuery = {
  readonly words: readonly string[];
  readonly normalized: string;
};

/** A product search index. */
export type SearchIndex = {
  /** Ids of the best `limit` matches, best first. */
  search(query: string, limit: number): string[];
  /**
   * Offers every entry matching `query` whose id `accept` takes to `best`: several indexes (the
   * catalogue's segments) fill one ranking.
   */
  collect(query: SearchQuery, best: TopMatches, accept: (id: string) => boolean): void;
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

/** Prepares a product for matching. */
export function searchEntryOf(product: SearchableProduct): SearchEntry {
  return {
    id: product.id,
    tokens: [
      ...new Set([
        ...tokenize(product.nameEn),
        ...tokenize(product.nameHi),
        ...tokenize(product.sku),
      ]),
    ],
    nameEn: normalizeForSearch(product.nameEn),
    nameHi: normalizeForSearch(product.nameHi),
  };
}

/** Parses a query; no words means no search. */
export function parseQuery(query: string): SearchQuery {
  return { words: tokenize(query), normalized: normalizeForSearch(query).trim() };
}

/** Whether every word of the query is a prefix of one of the entry's tokens. */
export function entryMatches(entry: SearchEntry, query: SearchQuery): boolean {
  return query.words.every((word) => entry.tokens.some((token) => token.startsWith(word)));
}

/** Lower is better: the name starts with the query, then the first word does, then any word. */
function rankOf(entry: SearchEntry, query: SearchQuery): number {
  if (entry.nameEn.startsWith(query.normalized) || entry.nameHi.startsWith(query.normalized))
    return 0;
  const [first = ''] = query.words;
  return entry.tokens[0]?.startsWith(first) === true ? 1 : 2;
}

/** Orders matches: rank, then shorter names, then alphabetically. */
function compareMatches(
  a: { entry: SearchEntry; rank: number },
  b: { entry: SearchEntry; rank: number },
): number {
  return (
    a.rank - b.rank ||
    a.entry.nameEn.length - b.entry.nameEn.length ||
    (a.entry.nameEn < b.entry.nameEn ? -1 : a.entry.nameEn > b.entry.nameEn ? 1 : 0)
  );
}

/** Keeps the best `limit` matches seen so far, ordered (insertion into a short array). */
export type TopMatches = { offer(entry: SearchEntry, query: SearchQuery): void; ids(): string[] };

/** Collects the best `limit` matches. */
export function topMatches(limit: number): TopMatches {
  const best: { entry: SearchEntry; rank: number }[] = [];
  return {
    offer(entry, query) {
      const match = { entry, rank: rankOf(entry, query) };
      const worst = best.at(-1);
      if (best.length >= limit && worst !== undefined && compareMatches(match, worst) >= 0) return;
      let at = best.length;
      while (at > 0 && compareMatches(match, best[at - 1] ?? match) < 0) at -= 1;
      best.splice(at, 0, match);
      if (best.length > limit) best.pop();
    },
    ids: () => best.map((match) => match.entry.id),
  };
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

/**
 * Builds an index over products (about 20 ms per 1,000 products; catalogue.ts keeps recent
 * changes aside so it need not rebuild on every replicated page).
 * @example
 * const index = buildSearchIndex(products);
 * index.search('tata sa', 20); // ids of "Tata Salt 1 kg", …
 */
export function buildSearchIndex(products: Iterable<SearchableProduct>): SearchIndex {
  return indexEntries(Array.from(products, searchEntryOf));
}

/** Builds an index over entries already prepared with `searchEntryOf`. */
export function indexEntries(entries: readonly SearchEntry[]): SearchIndex {
  const pairs: { token: string; owner: number }[] = [];
  for (const [owner, entry] of entries.entries()) {
    for (const token of entry.tokens) pairs.push({ token, owner });
  }
  pairs.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : a.owner - b.owner));
  const tokens = pairs.map((pair) => pair.token);
  const owners = Int32Array.from(pairs, (pair) => pair.owner);
  // Marks candidates already seen in this search without clearing an array per keystroke.
  const seenIn = new Int32Array(entries.length);
  let generation = 0;

  const collect = (
    parsed: SearchQuery,
    best: TopMatches,
    accept: (id: string) => boolean,
  ): void => {
    if (parsed.words.length === 0) return;
    const selective = parsed.words.reduce((a, b) => (b.length > a.length ? b : a));
    generation += 1;
    const end = lowerBound(tokens, `${selective}\uffff`);
    for (let i = lowerBound(tokens, selective); i < end; i++) {
      const owner = owners[i] ?? 0;
      if (seenIn[owner] === generation) continue;
      seenIn[owner] = generation;
      const entry = entries[owner];
      if (entry !== undefined && entryMatches(entry, parsed) && accept(entry.id))
        best.offer(entry, parsed);
    }
  };
  return {
    size: entries.length,
    collect,
    search(query, limit) {
      if (limit <= 0) return [];
      const best = topMatches(limit);
      collect(parseQuery(query), best, () => true);
      return best.ids();
    },
  };
}
