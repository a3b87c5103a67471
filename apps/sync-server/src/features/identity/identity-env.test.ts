import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env';
import { identityConfigFromEnv } from './identity-env';

describe('identity settings from the environment', () => {
  it('defaults to the embedded issuer on localhost, with the built-in admin web as a client', () => {
    const config = identityConfigFromEnv(parseEnv({ PORT: '8787' }));
    expect(config).toEqual({
      publicUrl: 'http://localhost:8787',
      audience: 'urn:kiryana:api',
      external: undefined,
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      tokenTypes: ['at+jwt'],
      grants: { claim: 'kiryana_grants', prefix: '' },
      adminRedirectUris: [
        'http://localhost:5173/auth/callback',
        'http://localhost:8787/admin/auth/callback',
      ],
      trustProxy: false,
      pinVerifierTtlMs: 7 * 86_400_000,
    });
  });

  it('reads an external issuer with its claim mapping, and TLS makes the URL https', () => {
    const env = parseEnv({
      PORT: '9443',
      OIDC_ISSUER: 'https://id.example.com/realms/kiryana',
      OIDC_AUDIENCE: 'kiryana-api',
      OIDC_GRANTS_CLAIM: 'realm_access.roles',
      OIDC_GRANTS_PREFIX: 'kiryana:',
      OIDC_ALGORITHMS: 'RS256, ES256',
      OIDC_TOKEN_TYPES: 'JWT,at+jwt',
      TLS_CERT: '/etc/kiryana/cert.pem',
      TLS_KEY: '/etc/kiryana/key.pem',
      TRUST_PROXY: 'true',
    });
    expect(identityConfigFromEnv(env)).toMatchObject({
      publicUrl: 'https://localhost:9443',
      audience: 'kiryana-api',
      external: { issuer: 'https://id.example.com/realms/kiryana', jwksUrl: undefined },
      algorithms: ['RS256', 'ES256'],
      tokenTypes: ['JWT', 'at+jwt'],
      grants: { claim: 'realm_access.roles', prefix: 'kiryana:' },
      trustProxy: true,
    });
  });

  it('refuses symmetric algorithms and malformed redirect URIs', () => {
    expect(() => parseEnv({ OIDC_ALGORITHMS: 'HS256' })).toThrow(/OIDC_ALGORITHMS/);
    expect(() => parseEnv({ ADMIN_REDIRECT_URIS: 'not a url' })).toThrow(/ADMIN_REDIRECT_URIS/);
  });
});
