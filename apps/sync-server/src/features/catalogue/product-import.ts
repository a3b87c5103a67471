import {
  type ProductImportIssueCode,
  type ProductInput,
  parseMinorUnits,
  productInputSchema,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { parseCsv } from '../../http/csv';
import { PRODUCT_CSV_COLUMNS, type ProductCsvColumn, REQUIRED_CSV_COLUMNS } from './product-csv';
import { barcodeOwners, knownTaxClasses } from './product.queries';
import { hsnFits, hsnPrefixesByClass } from '../tax-admin/hsn.service';

/**
 * Checking a catalogue CSV before anything is written: every row is checked on its own (fields)
 * and against the others and the database (duplicate SKUs and barcodes, unknown tax classes), and
 * every problem is reported with the file line it is on. The import writes only a clean file.
 */

/** Why a row is refused, per field; `code` is stable (the admin web translates it). */
type ImportIssue = {
  field: ProductCsvColumn | 'file';
  code: ProductImportIssueCode;
  message: string;
};

/** A refused row: its line in the file, its SKU as written, and every reason. */
export type ImportRowError = { line: number; sku: string; issues: ImportIssue[] };

/** A row that passed every check. */
type ImportRow = { line: number; product: ProductInput; priceMinor: number | null };

/** The outcome of checking a file. */
export type ImportCheck = { rows: ImportRow[]; errors: ImportRowError[] };

/** Largest file accepted in one import, in rows. */
const MAX_IMPORT_ROWS = 20_000;

const BOOLEAN = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

function fileError(issue: Omit<ImportIssue, 'field'>): ImportCheck {
  return { rows: [], errors: [{ line: 1, sku: '', issues: [{ field: 'file', ...issue }] }] };
}

/** Checks a CSV file against its own rows and the database; writes nothing. */
export async function checkProductCsv(q: Queryable, text: string): Promise<ImportCheck> {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    return fileError({ code: 'malformed', message: (error as Error).message });
  }
  const [header, ...body] = records;
  if (!header) return fileError({ code: 'missing_column', message: 'The file is empty.' });
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(PRODUCT_CSV_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !names.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          line: header.line,
          sku: '',
          issues: [
            ...unknown.map((n) => ({
              field: 'file' as const,
              code: 'unknown_column' as const,
              message: `Unknown column "${n}".`,
            })),
            ...missing.map((c) => ({
              field: c,
              code: 'missing_column' as const,
              message: `The column "${c}" is missing.`,
            })),
          ],
        },
      ],
    };
  }
  if (body.length > MAX_IMPORT_ROWS) {
    return fileError({
      code: 'too_many_rows',
      message: `At most ${MAX_IMPORT_ROWS} rows per file.`,
    });
  }
  const taxClasses = await knownTaxClasses(q);
  const parsed = body.map((record) => {
    const cell = (column: ProductCsvColumn) => {
      const index = names.indexOf(column);
      return index < 0 ? '' : (record.fields[index] ?? '').trim();
    };
    return { line: record.line, sku: cell('sku'), ...checkRow(cell, taxClasses) };
  });

  // Duplicates within the file, then barcodes held by other products in the database.
  const firstLineOfSku = new Map<string, number>();
  const firstSkuOfBarcode = new Map<string, string>();
  for (const row of parsed) {
    if (!row.product) continue;
    const seenAt = firstLineOfSku.get(row.product.sku);
    if (seenAt !== undefined) {
      row.issues.push({
        field: 'sku',
        code: 'duplicate_sku',
        message: `SKU ${row.product.sku} is already on line ${seenAt}.`,
      });
    } else firstLineOfSku.set(row.product.sku, row.line);
    for (const barcode of row.product.barcodes) {
      const owner = firstSkuOfBarcode.get(barcode);
      if (owner !== undefined && owner !== row.product.sku) {
        row.issues.push({
          field: 'barcodes',
          code: 'duplicate_barcode',
          message: `Barcode ${barcode} is also given to ${owner} in this file.`,
        });
      } else firstSkuOfBarcode.set(barcode, row.product.sku);
    }
  }
  const owners = await barcodeOwners(q, [...firstSkuOfBarcode.keys()]);
  for (const { barcode, sku } of owners) {
    const row = parsed.find((r) => r.product?.barcodes.includes(barcode));
    if (row?.product && row.product.sku !== sku) {
      row.issues.push({
        field: 'barcodes',
        code: 'barcode_taken',
        message: `Barcode ${barcode} belongs to product ${sku}.`,
      });
    }
  }
  // HSN within the tax class's prefixes (docs/gst.md, "Tax rates as HQ data").
  const prefixes = await hsnPrefixesByClass(q);
  for (const row of parsed) {
    const allowed = row.product ? prefixes.get(row.product.taxClassId) : undefined;
    if (row.product && allowed && !hsnFits(row.product.hsn, allowed)) {
      row.issues.push({
        field: 'hsn',
        code: 'hsn_not_in_tax_class',
        message: `HSN ${row.product.hsn} is not one of tax class "${row.product.taxClassId}": it must start with ${allowed.join(', ')}.`,
      });
    }
  }
  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  for (const row of parsed) {
    if (row.issues.length > 0 || !row.product) {
      errors.push({ line: row.line, sku: row.sku, issues: row.issues });
    } else rows.push({ line: row.line, product: row.product, priceMinor: row.priceMinor });
  }
  return { rows, errors };
}

function checkRow(
  cell: (column: ProductCsvColumn) => string,
  taxClasses: ReadonlySet<string>,
): { product: ProductInput | undefined; priceMinor: number | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const required = (column: ProductCsvColumn) => {
    const value = cell(column);
    if (value === '') {
      issues.push({ field: column, code: 'required', message: `${column} is required.` });
    }
    return value;
  };
  const money = (column: ProductCsvColumn, value: string) => {
    if (value === '') return null;
    try {
      const minor = parseMinorUnits(value);
      if (minor >= 0) return minor;
    } catch {
      // reported below
    }
    issues.push({
      field: column,
      code: 'invalid',
      message: `${column} "${value}" is not an amount in rupees.`,
    });
    return null;
  };
  const flag = (column: ProductCsvColumn, fallback: boolean) => {
    const value = cell(column).toLowerCase();
    if (value === '') return fallback;
    const parsed = BOOLEAN.get(value);
    if (parsed === undefined) {
      issues.push({ field: column, code: 'invalid', message: `${column} must be true or false.` });
    }
    return parsed ?? fallback;
  };
  const mrpText = required('mrp');
  const mrpMinor = money('mrp', mrpText);
  const priceMinor = money('price', cell('price'));
  const reorderText = cell('reorder_level');
  const reorderLevelBase = reorderText === '' ? 0 : Number(reorderText);
  const taxClassId = required('tax_class');
  if (taxClassId !== '' && !taxClasses.has(taxClassId)) {
    issues.push({
      field: 'tax_class',
      code: 'unknown_tax_class',
      message: `Tax class "${taxClassId}" does not exist.`,
    });
  }
  const candidate = {
    sku: required('sku'),
    nameEn: required('name_en'),
    nameHi: cell('name_hi'),
    barcodes: cell('barcodes')
      .split(/[|\s]+/)
      .filter((b) => b !== ''),
    hsn: required('hsn'),
    taxClassId,
    category: required('category'),
    unit: required('unit'),
    soldLoose: flag('sold_loose', false),
    mrpMinor: mrpMinor ?? 0,
    reorderLevelBase,
    active: flag('active', true),
  };
  const result = productInputSchema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = columnOf(String(issue.path[0] ?? ''));
      if (issues.some((i) => i.field === field)) continue;
      issues.push({ field, code: 'invalid', message: `${field}: ${issue.message}` });
    }
  }
  if (priceMinor !== null && mrpMinor !== null && priceMinor > mrpMinor) {
    issues.push({
      field: 'price',
      code: 'price_above_mrp',
      message: 'The price is above the MRP (Legal Metrology rules forbid selling above MRP).',
    });
  }
  return {
    product: result.success && issues.length === 0 ? result.data : undefined,
    priceMinor,
    issues,
  };
}

const COLUMN_OF_FIELD: Readonly<Record<string, ProductCsvColumn>> = {
  sku: 'sku',
  nameEn: 'name_en',
  nameHi: 'name_hi',
  barcodes: 'barcodes',
  hsn: 'hsn',
  taxClassId: 'tax_class',
  category: 'category',
  unit: 'unit',
  soldLoose: 'sold_loose',
  mrpMinor: 'mrp',
  reorderLevelBase: 'reorder_level',
  active: 'active',
};

function columnOf(field: string): ProductCsvColumn {
  return COLUMN_OF_FIELD[field] ?? 'sku';
}
