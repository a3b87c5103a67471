/**
 * Who is calling. The scope of every sync request comes only from the device credential, never from
 * a query parameter or the body. Human and integration principals (OIDC) plug in beside it later.
 */
export type DevicePrincipal = {
  readonly kind: 'device';
  readonly deviceId: string;
  readonly storeId: string;
  readonly regionId: string;
  readonly terminalCode: string;
};

/** Verifies a short-lived device access token; throws AppError UNAUTHENTICATED / TOKEN_EXPIRED / DEVICE_REVOKED. */
export type DeviceTokenVerifier = (accessToken: string) => Promise<DevicePrincipal>;
