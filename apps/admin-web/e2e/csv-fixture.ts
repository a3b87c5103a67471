/** A catalogue CSV of `count` new products; rows in `bad` get a 3-digit HSN (refused). */
export function catalogueCsv(count: number, bad: readonly number[] = []): string {
  const lines = ['sku,name_en,name_hi,barcodes,hsn,tax_class,category,unit,sold_loose,mrp,price'];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(4, '0');
    const hsn = bad.includes(i) ? '190' : '1905';
    lines.push(
      `E2E-${n},"E2E biscuit ${n}, family pack",ई2ई बिस्कुट ${n},77710000${n},${hsn},{{taxClass}},bakery,piece,false,45.00,42.50`,
    );
  }
  return `${lines.join('\n')}\n`;
}
