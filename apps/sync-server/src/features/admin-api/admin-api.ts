import type { Clock } from '@kiryana/shared';
import { Hono } from 'hono';
import type { AppEnv, LiveHub } from '../../http/app-env';
import type { AccessTokenVerifier } from '../../auth/access-token';
import type { DeviceTokenVerifier } from '../../auth/principal';
import { type ActorEnv, requireActor } from '../../http/require-actor';
import type { Db } from '../../db/db';
import { createCatalogueRoutes } from '../catalogue/catalogue.routes';
import { createDashboardRoutes, createFleetReportRoutes } from '../dashboard/dashboard.routes';
import { createNotificationRoutes } from '../notifications/notification.routes';
import { createCounterStaffRoutes } from '../pins/counter-staff.routes';
import { createReportRoutes } from '../reports/reports.routes';
import { createStockAdminRoutes } from '../stock-admin/stock-admin.routes';
import { createStoresAdminRoutes } from '../stores-admin/stores-admin.routes';
import { createSupplierRoutes } from '../purchasing-admin/supplier.routes';
import { createPurchaseOrderRoutes } from '../purchasing-admin/purchase-order.routes';
import { createTransferAdminRoutes } from '../transfers-admin/transfer-admin.routes';
import { createGstReturnRoutes } from '../gst-returns/gst-returns.routes';
import { createTaxAdminRoutes } from '../tax-admin/tax-admin.routes';
import { createInvoiceRoutes } from '../invoices/invoice.routes';

/**
 * What the admin API needs: the app's dependencies, identity's token verifier, and how identity
 * says the admin web signs in.
 */
export type AdminApiDeps = {
  readonly db: Db;
  readonly clock: Clock;
  readonly live: LiveHub;
  readonly heartbeatMs: number;
  readonly verifyDeviceToken: DeviceTokenVerifier;
  readonly identity: {
    readonly verifyAccessToken: AccessTokenVerifier;
    readonly adminClient: AdminClientConfig;
  };
};

/** How the admin web signs in: the issuer, its public client and the scopes it asks for. */
type AdminClientConfig = { issuer: string; clientId: string; scope: string };

/**
 * The API of the admin web and HQ tools under `/v1/admin`, every route behind an OpenID access
 * token and a permission decided by the shared `can` (features/identity owns both), plus the
 * terminals' health reports under `/v1/fleet`. Mount with `app.route('/', createAdminApi(deps))`.
 */
export function createAdminApi(deps: AdminApiDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const config = deps.identity.adminClient;
  routes.get('/v1/admin/config', (c) => c.json(config));
  const api = new Hono<ActorEnv>();
  api.use('*', requireActor(deps.identity.verifyAccessToken));
  api.get('/me', (c) => c.json(c.var.actor));
  api.route('/', createDashboardRoutes(deps));
  api.route('/', createStoresAdminRoutes(deps));
  api.route('/', createCounterStaffRoutes(deps));
  api.route('/', createCatalogueRoutes(deps));
  api.route('/', createStockAdminRoutes(deps));
  api.route('/', createNotificationRoutes(deps));
  api.route('/', createReportRoutes(deps));
  api.route('/', createSupplierRoutes(deps));
  api.route('/', createPurchaseOrderRoutes(deps));
  api.route('/', createTransferAdminRoutes(deps));
  api.route('/', createGstReturnRoutes(deps));
  api.route('/', createTaxAdminRoutes(deps));
  api.route('/', createInvoiceRoutes(deps));
  routes.route('/v1/admin', api);
  routes.route('/v1/fleet', createFleetReportRoutes(deps));
  return routes;
}
