import { createHash, randomBytes } from 'node:crypto';

/**
 * Signs a demo person in to the server's embedded OpenID provider the way the admin web does
 * (authorization code with PKCE, the sign-in form posted like a browser would) and returns the
 * API access token, so a test can read the admin API without a browser.
 */

const ADMIN_CLIENT_ID = 'kiryana-admin';
const REDIRECT_URI = 'http://localhost:5173/auth/callback';

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair = ''] = cookie.split(';');
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

/** An access token of `username` for the API audience. */
export async function adminAccessToken(
  serverUrl: string,
  username: string,
  password: string,
): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const query = new URLSearchParams({
    client_id: ADMIN_CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid api',
    resource: 'urn:kiryana:api',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  let response = await fetch(`${serverUrl}/oidc/auth?${query.toString()}`, { redirect: 'manual' });
  cookiesOf(response, jar);
  const interaction = response.headers.get('location') ?? '';
  response = await fetch(new URL(`${interaction}/login`, serverUrl), {
    method: 'POST',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, lang: 'en' }),
    redirect: 'manual',
  });
  // Follow the provider's redirects until it sends the browser back with a code.
  for (let hop = 0; hop < 10; hop++) {
    cookiesOf(response, jar);
    const location = response.headers.get('location');
    if (location === null) throw new Error(`sign-in stopped with HTTP ${response.status}`);
    const next = new URL(location, serverUrl);
    if (next.href.startsWith(REDIRECT_URI)) {
      const code = next.searchParams.get('code');
      if (code === null) throw new Error(`sign-in refused: ${next.search}`);
      const token = await fetch(`${serverUrl}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT_URI,
          client_id: ADMIN_CLIENT_ID,
          code_verifier: verifier,
        }),
      });
      const body = (await token.json()) as { access_token?: string };
      if (body.access_token === undefined) throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    }
    response = await fetch(next, { headers: { cookie: cookie() }, redirect: 'manual' });
  }
  throw new Error('sign-in did not come back to the admin web');
}
