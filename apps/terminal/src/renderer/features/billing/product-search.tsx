import { forwardRef, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { measureSince, PERF_MEASURES } from '../../ui/perf-measures';
import { useServices } from '../../services/terminal-services';
import { useCatalogueVersion } from '../../services/use-terminal-data';
import type { CatalogueProduct } from '../../catalogue/catalogue';
import { useFormat } from '../../i18n/use-format';

const RESULT_LIMIT = 12;

/**
 * The search-and-scan field: typing searches the catalogue in English or Hindi; Enter adds the
 * highlighted product, or looks up a typed barcode; arrows move the highlight.
 */
export const ProductSearch = forwardRef<
  HTMLInputElement,
  {
    onPick: (product: CatalogueProduct) => void;
    onCode: (code: string) => void;
    onKeyWhenEmpty: (event: React.KeyboardEvent<HTMLInputElement>) => void;
  }
>(function ProductSearch(props, ref) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { catalogue } = useServices();
  const version = useCatalogueVersion();
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  // Results follow the field at low priority: a burst of keys (a scanner typing into the field)
  // renders only the last query's results, and typing never waits for a search.
  const searched = useDeferredValue(query);
  // The newest keystroke whose results are not shown yet (performance.now() time origin).
  const pending = useRef<{ query: string; startMs: number } | null>(null);
  const results = useMemo(
    () => (searched.trim() === '' ? [] : catalogue.catalogue.search(searched, RESULT_LIMIT)),
    // The version makes results follow catalogue changes pulled while the field is open.
    [catalogue, searched, version],
  );
  useLayoutEffect(() => {
    if (pending.current?.query !== searched) return;
    measureSince(
      pending.current.startMs,
      PERF_MEASURES.searchToResults,
      PERF_MEASURES.searchToPaint,
    );
    pending.current = null;
  }, [results, searched]);

  const pick = (product: CatalogueProduct | undefined) => {
    if (product === undefined) return;
    setQuery('');
    setHighlight(0);
    props.onPick(product);
  };

  return (
    <div className="product-search">
      <input
        ref={ref}
        data-testid="search-input"
        className="search-input"
        value={query}
        placeholder={t('billing.searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          pending.current = { query: event.target.value, startMs: event.timeStamp };
          setQuery(event.target.value);
          setHighlight(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && results.length > 0) {
            event.preventDefault();
            setHighlight((h) => Math.min(results.length - 1, h + 1));
          } else if (event.key === 'ArrowUp' && results.length > 0) {
            event.preventDefault();
            setHighlight((h) => Math.max(0, h - 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            const typed = query.trim();
            if (/^\d{8,14}$/.test(typed)) {
              setQuery('');
              props.onCode(typed);
            } else {
              // Enter may beat the deferred results: pick from the query as typed.
              const current =
                searched === query ? results : catalogue.catalogue.search(query, RESULT_LIMIT);
              pick(current[searched === query ? highlight : 0]);
            }
          } else if (event.key === 'Escape') {
            setQuery('');
          } else if (query === '') {
            props.onKeyWhenEmpty(event);
          }
        }}
      />
      {results.length > 0 && (
        <ul className="search-results" data-testid="search-results" role="listbox">
          {results.map((product, index) => (
            <li
              key={product.id}
              role="option"
              aria-selected={index === highlight}
              className={index === highlight ? 'highlight' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(product);
              }}
            >
              <span className="name">
                {i18n.language === 'hi' && product.nameHi ? product.nameHi : product.nameEn}
              </span>
              <span className="sub">
                {i18n.language === 'hi' ? product.nameEn : product.nameHi} · {product.sku}
              </span>
              <span className="price">
                {t('billing.mrp')} {format.money(product.mrpMinor)}{' '}
                {product.soldLoose ? t(product.unit === 'ml' ? 'units.perL' : 'units.perKg') : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
