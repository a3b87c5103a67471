/** A product as a transfer or PO detail answer names it. */
type NamedProduct = { productId: string; sku: string; nameEn: string; nameHi: string };

/** A product's SKU and its name in the screen's language, as lines and pickers show it. */
export function skuAndName(
  p: { sku: string; nameEn: string; nameHi: string },
  hi: boolean,
): string {
  return `${p.sku} · ${hi && p.nameHi ? p.nameHi : p.nameEn}`;
}

/** A product's SKU and name in the screen's language, or its id if the answer does not name it. */
export function productLabel(
  products: readonly NamedProduct[],
  productId: string,
  hi: boolean,
): string {
  const p = products.find((x) => x.productId === productId);
  return p ? skuAndName(p, hi) : productId;
}
