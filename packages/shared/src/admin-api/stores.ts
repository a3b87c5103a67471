import { z } from 'zod';
import { int, isoInstant } from './wire-primitives';

/** What the admin API answers about its own set-up, regions, stores and terminals. */

/** The answer of `GET /v1/admin/config`: how the admin web signs in. */
export const adminConfigSchema = z.object({
  issuer: z.string(),
  clientId: z.string(),
  scope: z.string(),
});

/** How the admin web signs in. */
export type AdminConfig = z.infer<typeof adminConfigSchema>;

const named = { id: z.string(), code: z.string(), nameEn: z.string(), nameHi: z.string() };

/** A region. */
export const regionSchema = z.object(named);

/** A region. */
export type Region = z.infer<typeof regionSchema>;

/** The answer of `GET /v1/admin/regions`. */
export const regionsSchema = z.object({ regions: z.array(regionSchema) });

/** A store as the admin web lists it. */
export const adminStoreSchema = z.object({
  ...named,
  regionId: z.string(),
  gstin: z.string(),
  address: z.string(),
  activeTerminals: int,
  /** The store's GST state code (its GSTIN starts with it). */
  stateCode: z.string(),
  /** The registered (legal) name of its GSTIN; '' until HQ records it. */
  legalName: z.string(),
  /** Registered under the composition scheme: bills of supply without tax. */
  composition: z.boolean(),
  /** Its GSTIN is above the e-invoicing threshold: B2B invoices go to the IRP. */
  einvoicing: z.boolean(),
});

/** A store as the admin web lists it. */
export type AdminStore = z.infer<typeof adminStoreSchema>;

/** The answer of `GET /v1/admin/stores`. */
export const storesSchema = z.object({ stores: z.array(adminStoreSchema) });

/**
 * Body of `PUT /v1/admin/stores/{storeId}/gst` (stores:write): the store's GST registration. The
 * server checks the GSTIN's check character (400 GSTIN_INVALID; STATE_CODE_UNKNOWN for a state
 * code that is no state) and that it starts with the store's state code (GSTIN_INVALID). Answered
 * with the store (`adminStoreSchema`); audited like every store change.
 */
export const storeGstSettingsSchema = z
  .strictObject({
    gstin: z.string().trim().min(1).max(20),
    legalName: z.string().trim().min(1).max(200),
    composition: z.boolean(),
    einvoicing: z.boolean(),
  })
  .refine((body) => !(body.composition && body.einvoicing), {
    // A composition taxpayer issues no tax invoices, so it has nothing to report to the IRP.
    message: 'A composition store issues no tax invoices, so it cannot be e-invoicing.',
    path: ['einvoicing'],
  });

/** A store's GST registration as HQ sets it. */
export type StoreGstSettings = z.infer<typeof storeGstSettingsSchema>;

/**
 * Body of `POST /v1/admin/stores` (stores:write in the region): a new store with its GST
 * registration, checked as in `PUT …/gst`, and `stateCode` a GST state (400 STATE_CODE_UNKNOWN).
 * The store's id is `st-` + its code in lowercase; a code already taken is 409 CONFLICT. Answered
 * with the store (`adminStoreSchema`), 201.
 */
export const storeCreateSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z0-9]{2,8}$/, '2–8 capital letters or digits'),
    regionId: z.string().min(1).max(64),
    nameEn: z.string().trim().min(1).max(200),
    nameHi: z.string().trim().max(200).default(''),
    stateCode: z.string().regex(/^[0-9]{2}$/, 'a 2-digit GST state code'),
    address: z.string().trim().max(500).default(''),
    gstin: z.string().trim().min(1).max(20),
    legalName: z.string().trim().min(1).max(200),
    composition: z.boolean().default(false),
    einvoicing: z.boolean().default(false),
  })
  .refine((body) => !(body.composition && body.einvoicing), {
    message: 'A composition store issues no tax invoices, so it cannot be e-invoicing.',
    path: ['einvoicing'],
  });

/** A new store as HQ opens it. */
export type StoreCreateInput = z.infer<typeof storeCreateSchema>;

/** The answer of `POST /v1/admin/stores/:storeId/enrolment-codes`: a one-time code. */
export const enrolmentCodeSchema = z.object({
  code: z.string(),
  storeId: z.string(),
  storeCode: z.string(),
  storeName: z.string(),
  expiresAt: isoInstant,
});

/** A terminal enrolment code. */
export type EnrolmentCode = z.infer<typeof enrolmentCodeSchema>;

/** The answer of `POST /v1/admin/devices/:deviceId/revoke`. */
export const revokedSchema = z.object({ deviceId: z.string(), revokedAt: isoInstant });

/**
 * Body and answer of `PUT /v1/admin/regions/{regionId}/sync-endpoints` (issue 20): the sync
 * endpoints a region's terminals use, in fail-over order, the region's own first. An empty list
 * means terminals keep only the server they enrolled with.
 */
export const regionSyncEndpointsSchema = z.strictObject({
  endpoints: z
    .array(
      z
        .url({ protocol: /^https?$/ })
        .max(200)
        // Terminals join paths onto it, and the Electron proxy forwards to origins only.
        .regex(/^https?:\/\/[^/?#]+\/?$/, {
          message: 'An endpoint is a server origin (scheme, host, port), without a path.',
        }),
    )
    .max(8)
    .refine((list) => new Set(list).size === list.length, { message: 'Endpoints repeat.' }),
});

/** A region's sync endpoints. */
export type RegionSyncEndpoints = z.infer<typeof regionSyncEndpointsSchema>;

/** The answer of `PUT /v1/admin/regions/{regionId}/sync-endpoints`: the list as stored (origins). */
export const regionSyncEndpointsSetSchema = z.object({
  regionId: z.string(),
  endpoints: z.array(z.string()),
});

/** A region's sync endpoints as stored. */
export type RegionSyncEndpointsSet = z.infer<typeof regionSyncEndpointsSetSchema>;
