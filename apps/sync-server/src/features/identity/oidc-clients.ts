/**
 * The clients the embedded provider knows by name, in a file of their own so that naming them
 * (identity.ts answers the admin web's sign-in config) never loads `oidc-provider`: a server using
 * an external issuer does not load it at all.
 */

/** The public OAuth client of the admin web: authorization code with PKCE, no secret. */
export const ADMIN_CLIENT_ID = 'kiryana-admin';

/** The scope that asks for an access token to the Kiryana API. */
export const API_SCOPE = 'api';
