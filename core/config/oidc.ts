// Settings of single sign-on with the city's identity platform (OpenID Connect; accounts/oidc.ts).
import { z } from 'zod';
import { boolFromEnv } from './env.js';

export const oidcEnv = {
  /** Single sign-on with the city's identity platform (OpenID Connect; accounts/oidc.ts, README "Single sign-on"); off unless issuer and client id are set */
  OIDC_ISSUER: z.string().url().regex(/^https?:\/\//, 'an http(s):// URL').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** unset: a public client (PKCE only, no client authentication) */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** where the provider sends the browser back; default ZY_PUBLIC_URL + /api/auth/oidc/callback */
  OIDC_REDIRECT_URI: z.string().url().regex(/^https?:\/\//, 'an http(s):// URL').optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'scopes separated by single spaces')
    .refine((v) => v.split(' ').includes('openid'), 'must include openid')
    .default('openid profile'),
  /** the ID token claim that names the user at the provider */
  OIDC_USER_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a claim name such as preferred_username or sub').default('preferred_username'),
  /** what the claim is matched against: the account's username, or its external id (app_user.externalId) */
  OIDC_MATCH: z.enum(['username', 'externalId']).default('username'),
  /** a claim with the organisation code; when set, an account signs in only if its organisation's code equals it */
  OIDC_ORG_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a claim name such as org_code').optional(),
  /** with single sign-on on: who may still sign in with a password (all accounts, or only the three administrators) */
  OIDC_PASSWORD_SIGNIN: z.enum(['all', 'administrators']).default('all'),
  /** accept an issuer on plain http:// (tests, a provider on loopback); never in production */
  OIDC_ALLOW_HTTP: boolFromEnv.default(false),
  /** the label of the sign-in page's button */
  OIDC_DISPLAY_NAME: z.string().min(1).max(40).default('统一身份认证登录'),
};

type OidcEnv = z.infer<z.ZodObject<typeof oidcEnv>>;

/** Single sign-on with the city's identity platform (accounts/oidc.ts). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** undefined: a public client (PKCE, no client authentication) */
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
  /** the ID token claim that names the user */
  userClaim: string;
  /** matched against the account's username or its external id */
  match: 'username' | 'externalId';
  /** the claim the account's organisation code must equal, when set */
  orgClaim: string | undefined;
  /** who may still sign in with a password while single sign-on is on */
  passwordSignIn: 'all' | 'administrators';
  allowHttp: boolean;
  displayName: string;
}

/** The problems of the settings that a schema cannot see alone (pairs, plain http): messages for ConfigError. */
export function oidcProblems(e: OidcEnv): string[] {
  const problems: string[] = [];
  if (Boolean(e.OIDC_ISSUER) !== Boolean(e.OIDC_CLIENT_ID)) {
    problems.push(`${e.OIDC_ISSUER ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER'}: required for single sign-on (set both OIDC_ISSUER and OIDC_CLIENT_ID, or neither)`);
  }
  if (e.OIDC_ISSUER?.startsWith('http://') && !e.OIDC_ALLOW_HTTP) {
    problems.push('OIDC_ISSUER: must be an https:// URL (OIDC_ALLOW_HTTP=true accepts http:// for tests)');
  }
  return problems;
}

/** null: single sign-on is off (passwords only). `publicUrl` without a trailing slash. */
export function oidcFrom(e: OidcEnv, publicUrl: string): OidcConfig | null {
  return e.OIDC_ISSUER && e.OIDC_CLIENT_ID
    ? {
        issuer: e.OIDC_ISSUER,
        clientId: e.OIDC_CLIENT_ID,
        clientSecret: e.OIDC_CLIENT_SECRET,
        redirectUri: e.OIDC_REDIRECT_URI ?? `${publicUrl}/api/auth/oidc/callback`,
        scopes: e.OIDC_SCOPES,
        userClaim: e.OIDC_USER_CLAIM,
        match: e.OIDC_MATCH,
        orgClaim: e.OIDC_ORG_CLAIM,
        passwordSignIn: e.OIDC_PASSWORD_SIGNIN,
        allowHttp: e.OIDC_ALLOW_HTTP,
        displayName: e.OIDC_DISPLAY_NAME,
      }
    : null;
}
