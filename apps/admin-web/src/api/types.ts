/**
 * Shapes of the admin API's answers (apps/sync-server, features/admin-api and siblings; the
 * OpenAPI document at /openapi.json describes them). Amounts are integer paise, quantities integer
 * base units. Every answer is a zod schema in @kiryana/shared, from which the server's OpenAPI
 * document is built; these are its inferred types, under the names this app uses.
 */

import type { BaseUnit } from '@kiryana/shared';

export type {
  AdminConfig,
  AdminPrice as Price,
  AdminProduct as Product,
  AdminStore,
  AuditEntry,
  AuditExport,
  AuditVerification,
  BillsOfSupplyRow,
  CatalogueOptions,
  DashboardDay,
  EnrolmentCode,
  FleetTerminal,
  GstReport,
  GstRow,
  GstSplitRow,
  ImportIssue,
  ImportReport,
  Movement,
  ProductInput,
  Region,
  SalesGrouping,
  SalesReport,
  SalesRow,
  StockRow,
} from '@kiryana/shared';

export type Unit = BaseUnit;
