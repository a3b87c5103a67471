import { createBrowserRouter } from 'react-router';
import { AuditScreen } from '../features/audit/audit-screen';
import { CatalogueScreen } from '../features/catalogue/catalogue-screen';
import { ImportScreen } from '../features/catalogue/import-screen';
import { ProductEditScreen } from '../features/catalogue/product-edit-screen';
import { DashboardScreen } from '../features/dashboard/dashboard-screen';
import { ReportsScreen } from '../features/reports/reports-screen';
import { StockScreen } from '../features/stock/stock-screen';
import { StoresScreen } from '../features/stores/stores-screen';
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
