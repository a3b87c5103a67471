/**
 * Shapes of the admin API's answers (apps/sync-server, features/admin-api and siblings; the
 * OpenAPI document at /openapi.json describes them). Amounts are integer paise, quantities integer
 * base units. The answers the server and this app share are typed once, in @kiryana/shared.
 */

import type { BaseUnit } from '@kiryana/shared';

export type {
  DashboardDay,
  FleetTerminal,
  GstRow,
  SalesGrouping,
  SalesReport,
  SalesRow,
  SalesTotals,
  StockRow,
  StoreDay,
} from '@kiryana/shared';

export type AdminConfig = { issuer: string; clientId: string; scope: string };

export type Region = { id: string; code: string; nameEn: string; nameHi: string };

export type AdminStore = {
  id: string;
  code: string;
  regionId: string;
  nameEn: string;
  nameHi: string;
  gstin: string;
  address: string;
  activeTerminals: number;
};

export type EnrolmentCode = {
  code: string;
  storeId: string;
  storeCode: string;
  storeName: string;
  expiresAt: string;
};

export type Unit = BaseUnit;

export type ProductInput = {
  sku: string;
  nameEn: string;
  nameHi: string;
  barcodes: string[];
  hsn: string;
  taxClassId: string;
  category: string;
  unit: Unit;
  soldLoose: boolean;
  mrpMinor: number;
  reorderLevelBase: number;
  active: boolean;
};

export type Product = ProductInput & {
  id: string;
  priceBasisQty: 1 | 1000;
  hqPriceMinor: number | null;
  updatedAt: string;
};

export type Price = {
  id: string;
  productId: string;
  level: 'hq' | 'region' | 'store';
  regionId: string | null;
  storeId: string | null;
  priceMinor: number;
  mrpMinor: number;
  effectiveFrom: string;
};

export type CatalogueOptions = {
  taxClasses: { id: string; rateBp: number; description: string }[];
  categories: string[];
};

export type ImportIssue = { field: string; code: string; message: string };

export type ImportReport = {
  dryRun: boolean;
  imported: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: { line: number; sku: string; issues: ImportIssue[] }[];
};

export type Movement = {
  id: string;
  kind: string;
  qtyDeltaBase: number;
  createdAt: string;
  receivedAt: string;
  terminalId: string | null;
  cashierId: string | null;
  cashierName: string | null;
  reason: string | null;
  note: string | null;
  refId: string | null;
  supplier: string | null;
};

export type AuditEntry = {
  chain: string;
  seq: number;
  atMs: number;
  kind: string;
  actor: string;
  storeId: string | null;
  subject: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
};

export type AuditExport = {
  from: string;
  to: string;
  truncated: boolean;
  chains: { chain: string; entries: AuditEntry[] }[];
};

export type AuditVerification = {
  ok: boolean;
  chains: number;
  entries: number;
  breaks: { chain: string; seq: number; problem: string }[];
};
