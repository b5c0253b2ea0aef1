// A real OpenID Connect provider on loopback (oidc-provider): the city's identity platform that single sign-on is
// proven against. One confidential client is registered; the provider requires PKCE; its own development sign-in
// and consent forms are the user's interaction (any login name that `people` knows signs in, whatever the password).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'zhengyun-console';
export const OIDC_CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';

export interface OidcPeer {
  issuer: string;
  /** every authorization request the provider received, as sent */
  authorizationRequests: URL[];
  /** the environment that points the platform at this provider */
  env(extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

/** `people`: the provider's accounts, login name → claims (read at each sign-in, so a test may change them). */
export async function startOidcPeer(redirectUri: string, people: Record<string, Record<string, string>>): Promise<OidcPeer> {
  const authorizationRequests: URL[] = [];
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/auth?')) authorizationRequests.push(new URL(req.url, 'http://idp'));
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: OIDC_CLIENT_ID, client_secret: OIDC_CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], profile: ['preferred_username', 'org_code'] },
    findAccount: (_ctx, id) => (people[id] ? { accountId: id, claims: () => ({ sub: id, ...people[id] }) } : undefined),
    // a flow without PKCE is refused by the provider itself
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['cookie-key-for-tests-only'] },
  });
  handler = provider.callback();
  return {
    issuer,
    authorizationRequests,
    env: (extra = {}) => ({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ALLOW_HTTP: 'true', ...extra }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
