import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { productQuery } from '../catalogue/catalogue.queries';
import { skuAndName } from '../transfers/product-label';

/**
 * A product's SKU and name from the catalogue, for rows that carry only its id (a saved supplier's
 * products); the id while loading or if the product is gone.
 */
export function ProductName({ productId }: { productId: string }) {
  const { i18n } = useTranslation();
  const api = useApi();
  const product = useQuery({ ...productQuery(api, productId), staleTime: 10 * 60_000 });
  const p = product.data?.product;
  if (!p) return productId;
  return skuAndName(p, i18n.language === 'hi');
}
