import { createBrowserRouter } from 'react-router';
import { AuditScreen } from '../features/audit/audit-screen';
import { CatalogueScreen } from '../features/catalogue/catalogue-screen';
import { ImportScreen } from '../features/catalogue/import-screen';
import { ProductEditScreen } from '../features/catalogue/product-edit-screen';
import { DashboardScreen } from '../features/dashboard/dashboard-screen';
import { ReportsScreen } from '../features/reports/reports-screen';
import { StockScreen } from '../features/stock/stock-screen';
import { StoresScreen } from '../features/stores/stores-screen';
import { PoDetailScreen } from '../features/purchasing/po-detail-screen';
import { PoNewScreen } from '../features/purchasing/po-new-screen';
import { PurchaseOrdersScreen } from '../features/purchasing/purchase-orders-screen';
import { SupplierEditScreen } from '../features/suppliers/supplier-edit-screen';
import { SuppliersScreen } from '../features/suppliers/suppliers-screen';
import { TaxRatesScreen } from '../features/tax/tax-rates-screen';
import { GstReturnsScreen } from '../features/gst-returns/gst-returns-screen';
import { TransferDetailScreen } from '../features/transfers/transfer-detail-screen';
import { TransferNewScreen } from '../features/transfers/transfer-new-screen';
import { TransfersScreen } from '../features/transfers/transfers-screen';
import { Layout } from './layout';
import { NotFound, RequirePermission } from './require-permission';

/** The admin web's routes, under the build's base path (/admin in production). */
export function createAdminRouter() {
  return createBrowserRouter(
    [
      {
        path: '/',
        element: <Layout />,
        children: [
          { index: true, element: <DashboardScreen /> },
          { path: 'stores', element: <StoresScreen /> },
          { path: 'catalogue', element: <CatalogueScreen /> },
          {
            path: 'catalogue/new',
            element: (
              <RequirePermission permission="catalogue:write">
                <ProductEditScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'catalogue/:productId/edit',
            element: (
              <RequirePermission permission="catalogue:write">
                <ProductEditScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'catalogue/import',
            element: (
              <RequirePermission permission="catalogue:write">
                <ImportScreen />
              </RequirePermission>
            ),
          },
          { path: 'stock', element: <StockScreen /> },
          { path: 'reports', element: <ReportsScreen /> },
          {
            path: 'transfers',
            element: (
              <RequirePermission permission="transfers:read">
                <TransfersScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'transfers/new',
            element: (
              <RequirePermission permission="transfers:create">
                <TransferNewScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'transfers/:transferId',
            element: (
              <RequirePermission permission="transfers:read">
                <TransferDetailScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'tax',
            element: (
              <RequirePermission permission="reports:read">
                <TaxRatesScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'gst-returns',
            element: (
              <RequirePermission permission="reports:read">
                <GstReturnsScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'suppliers',
            element: (
              <RequirePermission permission="purchases:read">
                <SuppliersScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'suppliers/new',
            element: (
              <RequirePermission permission="suppliers:write">
                <SupplierEditScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'suppliers/:supplierId',
            element: (
              <RequirePermission permission="suppliers:write">
                <SupplierEditScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'purchase-orders',
            element: (
              <RequirePermission permission="purchases:read">
                <PurchaseOrdersScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'purchase-orders/new',
            element: (
              <RequirePermission permission="purchases:write">
                <PoNewScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'purchase-orders/:poId',
            element: (
              <RequirePermission permission="purchases:read">
                <PoDetailScreen />
              </RequirePermission>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission permission="audit:read">
                <AuditScreen />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
    { basename: import.meta.env.BASE_URL.replace(/\/$/, '') || '/' },
  );
}
