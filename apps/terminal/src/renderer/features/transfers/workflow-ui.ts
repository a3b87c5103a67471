import type { BaseUnit, QuantityKind, Store } from '@kiryana/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { CatalogueProduct } from '../../catalogue/catalogue';
import type { Stored } from '../../db/schemas';
import { useServices } from '../../services/terminal-services';
import { useObservable } from '../../services/use-observable';
import { parseEnteredQuantity } from '../billing/billing-dialogs';
import type { StepContext } from './transfer-steps';

/** Small helpers the transfer and goods-receipt screens share. */

/**
 * A quantity typed on a step form: '' or 0 is 0, otherwise what `parseEnteredQuantity` reads in
 * the product's unit; undefined when it reads nothing.
 */
export function parseStepQuantity(text: string, unit: BaseUnit): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || /^0+([.,]0*)?$/.test(trimmed)) return 0;
  return parseEnteredQuantity(trimmed, unit);
}

/** Who takes a step now: this store, the signed-in cashier, the terminal's clock. */
export function useStepContext(): () => StepContext | null {
  const services = useServices();
  return () => {
    const cashier = services.cashier$.value;
    if (cashier === null) return null;
    return {
      storeId: services.credential.storeId,
      actorId: cashier.userId,
      at: new Date(services.clock.now()).toISOString(),
      newId: services.newId,
    };
  };
}

/** A product's name in the screen's language, its quantity kind and unit (pieces if unknown). */
export function useProductInfo(): (productId: string) => {
  name: string;
  kind: QuantityKind;
  unit: BaseUnit;
  product: CatalogueProduct | undefined;
} {
  const { i18n } = useTranslation();
  const { catalogue } = useServices();
  return (productId) => {
    const product = catalogue.catalogue.product(productId);
    const name =
      product === undefined
        ? productId
        : i18n.language === 'hi' && product.nameHi
          ? product.nameHi
          : product.nameEn;
    const kind: QuantityKind = product ?? { unit: 'piece', soldLoose: false };
    return { name, kind, unit: product?.unit ?? 'piece', product };
  };
}

/** The stores this terminal knows (its own, and others if the server sends them). */
export function useKnownStores(): Stored<Store>[] {
  const { db } = useServices();
  const stores$ = useMemo(
    () => db.stores.find().$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Stored<Store>))),
    [db],
  );
  return useObservable(stores$, undefined) ?? [];
}

/** A store's code and name when known, else its id. */
export function storeLabel(
  stores: readonly Stored<Store>[],
  storeId: string,
  hindi: boolean,
): string {
  const store = stores.find((s) => s.id === storeId);
  if (store === undefined) return storeId;
  return `${store.code} · ${hindi && store.nameHi ? store.nameHi : store.nameEn}`;
}
