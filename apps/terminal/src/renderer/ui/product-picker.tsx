import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueProduct } from '../catalogue/catalogue';
import { useServices } from '../services/terminal-services';
import { useCatalogueVersion } from '../services/use-terminal-data';

/** A search field with a result list for picking one product (stock screens). */
export function ProductPicker(props: {
  testId: string;
  onPick: (product: CatalogueProduct) => void;
}) {
  const { t, i18n } = useTranslation();
  const { catalogue } = useServices();
  const version = useCatalogueVersion();
  const [query, setQuery] = useState('');
  const results = useMemo(
    () => (query.trim() === '' ? [] : catalogue.catalogue.search(query, 8)),
    // The version makes results follow catalogue changes pulled meanwhile.
    [catalogue, query, version],
  );
  const pick = (product: CatalogueProduct | undefined) => {
    if (product === undefined) return;
    setQuery('');
    props.onPick(product);
  };
  return (
    <div className="product-picker">
      <input
        data-testid={props.testId}
        value={query}
        placeholder={t('stock.findProduct')}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          const typed = query.trim();
          pick(/^\d{8,14}$/.test(typed) ? catalogue.catalogue.byBarcode(typed) : results[0]);
        }}
      />
      {results.length > 0 && (
        <ul className="search-results">
          {results.map((product) => (
            <li
              key={product.id}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(product);
              }}
            >
              {i18n.language === 'hi' && product.nameHi ? product.nameHi : product.nameEn} ·{' '}
              {product.sku}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
