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
  /** Offers every live entry matching `query` to `best`: several indexes fill one ranking. */
  collect(query: SearchQuery, best: TopMatches): void;
  /** Takes the entry at `position` (its place in `ids`) out of every answer. */
  retire(position: number): void;
  /** The indexed products' ids in the index's own (name) order. */
  readonly ids: readonly string[];
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
  return a.rank - b.rank || compareNames(a.entry, b.entry);
}

/** Within a rank: shorter names first, then alphabetically (an index's entry order). */
function compareNames(a: SearchEntry, b: SearchEntry): number {
  return (
    a.nameEn.length - b.nameEn.length || (a.nameEn < b.nameEn ? -1 : a.nameEn > b.nameEn ? 1 : 0)
  );
}

/** Keeps the best `limit` matches seen so far, ordered (insertion into a short array). */
export type TopMatches = {
  offer(entry: SearchEntry, query: SearchQuery): void;
  ids(): string[];
  /**
   * Whether neither `entry` nor any entry after it in name order can still get in: the list is
   * full of the best rank, each named before it.
   */
  closedAfter(entry: SearchEntry): boolean;
};

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
    closedAfter(entry) {
      const worst = best.at(-1);
      return (
        best.length >= limit &&
        worst !== undefined &&
        worst.rank === 0 &&
        compareNames(entry, worst.entry) >= 0
      );
    },
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

/** A query prefix spanning at most this many distinct tokens is read in name order (merged). */
const MERGE_MAX = 16;

/**
 * Builds an index over entries already prepared with `searchEntryOf`. Entries are kept in name
 * order (`compareNames`) and each token's owners ascend, so the owners of a few tokens merge into
 * name order: a search can stop once it holds `limit` best-rank matches named before the next
 * candidate, instead of visiting every product of a common word ("atta": a twentieth of the
 * store). A single character is answered from per-character lists in name order; a prefix of
 * many distinct tokens ("sk…" of every SKU) is read whole.
 */
export function indexEntries(unordered: readonly SearchEntry[]): SearchIndex {
  const entries = [...unordered].sort(compareNames);
  const pairs: { token: string; owner: number }[] = [];
  const byFirst = new Map<string, number[]>();
  for (const [owner, entry] of entries.entries()) {
    const firsts = new Set<string>();
    for (const token of entry.tokens) {
      pairs.push({ token, owner });
      firsts.add(String.fromCodePoint(token.codePointAt(0) ?? 0));
    }
    for (const first of firsts) {
      const list = byFirst.get(first);
      if (list === undefined) byFirst.set(first, [owner]);
      else list.push(owner);
    }
  }
  pairs.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : a.owner - b.owner));
  const tokens = pairs.map((pair) => pair.token);
  const owners = Int32Array.from(pairs, (pair) => pair.owner);
  // The distinct tokens and where each one's owners start in `owners`.
  const distinct: string[] = [];
  const starts: number[] = [];
  for (const [i, token] of tokens.entries()) {
    if (distinct.at(-1) !== token) {
      distinct.push(token);
      starts.push(i);
    }
  }
  starts.push(tokens.length);
  const firstLists = new Map([...byFirst].map(([first, list]) => [first, Int32Array.from(list)]));
  // Marks candidates already seen in this search without clearing an array per keystroke.
  const seenIn = new Int32Array(entries.length);
  let generation = 0;
  // Entries superseded since the build (the catalogue indexes their new state elsewhere).
  const retired = new Uint8Array(entries.length);

  const collect = (parsed: SearchQuery, best: TopMatches): void => {
    if (parsed.words.length === 0) return;
    const selective = parsed.words.reduce((a, b) => (b.length > a.length ? b : a));
    generation += 1;
    // Offers one candidate; false once candidates come in name order and none can get in.
    const visit = (owner: number, inNameOrder: boolean): boolean => {
      if (seenIn[owner] === generation || retired[owner] === 1) return true;
      seenIn[owner] = generation;
      const entry = entries[owner];
      if (entry === undefined) return true;
      if (inNameOrder && best.closedAfter(entry)) return false;
      if (entryMatches(entry, parsed)) best.offer(entry, parsed);
      return true;
    };
    const single = firstLists.get(selective);
    if (single !== undefined) {
      for (const owner of single) if (!visit(owner, true)) return;
      return;
    }
    const from = lowerBound(distinct, selective);
    const to = lowerBound(distinct, `${selective}\uffff`);
    if (to - from > MERGE_MAX) {
      for (let i = starts[from] ?? 0; i < (starts[to] ?? 0); i++) visit(owners[i] ?? 0, false);
      return;
    }
    const at = starts.slice(from, to);
    const ends = starts.slice(from + 1, to + 1);
    for (;;) {
      let next = -1;
      for (let k = 0; k < at.length; k++) {
        const i = at[k] ?? 0;
        if (i < (ends[k] ?? 0) && (next === -1 || (owners[i] ?? 0) < next)) next = owners[i] ?? 0;
      }
      if (next === -1) return;
      for (let k = 0; k < at.length; k++) {
        const i = at[k] ?? 0;
        if (i < (ends[k] ?? 0) && owners[i] === next) at[k] = i + 1;
      }
      if (!visit(next, true)) return;
    }
  };
  return {
    size: entries.length,
    ids: entries.map((entry) => entry.id),
    collect,
    retire(position) {
      retired[position] = 1;
    },
    search(query, limit) {
      if (limit <= 0) return [];
      const best = topMatches(limit);
      collect(parseQuery(query), best);
      return best.ids();
    },
  };
}
