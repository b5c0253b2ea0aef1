// Single sign-on with the city's identity platform (accounts/oidc.ts): what the sign-in page offers, the browser's
// trip to the provider and back, and the console's exchange of the callback's ticket for a session.
import type { Request, Response } from 'express';
import { loginResultSchema, signInProvidersSchema } from '../../accounts/account-schema.js';
import { AppError } from '../../core/errors.js';
import { t, type Locale } from '../../core/i18n.js';
import { z } from '../../core/zod-openapi.js';
import type { Services } from '../services.js';
import { route, type RouteTable } from '../route.js';
import { errors } from '../schemas.js';

/** The HttpOnly cookie that binds a sign-in to the browser that started it. */
const COOKIE = 'zy_sso';
const COOKIE_PATH = '/api/auth/oidc';

function cookieOf(header: string | undefined): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

function setCookie(res: Response, value: string, maxAgeSeconds: number, secure: boolean) {
  res.append('Set-Cookie', `${COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A browser navigation that failed (start, callback) gets a page in the user's language; a client that asks for
 * JSON (Accept) gets the API's error body like everywhere else.
 */
function refuse(req: Request, res: Response, err: unknown, locale: Locale) {
  if (!(err instanceof AppError) || req.accepts(['html', 'json']) === 'json') throw err;
  const title = locale === 'en' ? 'Single sign-on' : '统一身份认证登录';
  const back = locale === 'en' ? 'Back to sign-in' : '返回登录页';
  res
    .status(err.status)
    .type('html')
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
        `<body><main><h1>${escape(title)}</h1><p role="alert" data-code="${escape(err.code)}">${escape(t(err.code, locale, err.params))}</p>` +
        `<p><a href="/signin">${escape(back)}</a></p></main></body></html>`,
    );
}

const pageResponses = {
  400: { description: 'the sign-in expired, was not started in this browser, or the provider’s answer did not verify (an HTML page; the JSON error body when Accept asks for application/json)', contentType: 'text/html' },
  403: { description: 'no enabled account matches the provider’s user, or its organisation differs (an HTML page; the JSON error body when Accept asks for application/json)', contentType: 'text/html' },
  404: { description: 'single sign-on is not configured (an HTML page; the JSON error body when Accept asks for application/json)', contentType: 'text/html' },
  502: { description: 'the identity platform cannot be reached (an HTML page; the JSON error body when Accept asks for application/json)', contentType: 'text/html' },
};

export function ssoRoutes(table: RouteTable, s: Services) {
  route(table, {
    method: 'get',
    path: '/api/auth/providers',
    summary: 'How one may sign in: password, and single sign-on with the identity platform when configured',
    tags: ['auth'],
    auth: false,
    responses: { 200: { description: 'the sign-in methods', schema: signInProvidersSchema } },
    handler: (_input, _req, res) => void res.json(s.oidc.providers()),
  });
  route(table, {
    method: 'get',
    path: '/api/auth/oidc/start',
    summary: 'Single sign-on: sends the browser to the identity platform (authorization code, PKCE, state, nonce)',
    tags: ['auth'],
    auth: false,
    responses: { 302: { description: 'to the identity platform; sets the HttpOnly cookie that binds the sign-in to this browser' }, 404: pageResponses[404], 502: pageResponses[502] },
    handler: async ({ ctx }, req, res) => {
      try {
        const { url, browser } = await s.oidc.start();
        setCookie(res, browser, 600, s.oidc.secureCookie());
        res.redirect(302, url);
      } catch (err) {
        refuse(req, res, err, ctx.locale);
      }
    },
  });
  route(table, {
    method: 'get',
    path: '/api/auth/oidc/callback',
    summary: 'Single sign-on: the identity platform sends the browser back here; on to the console with a one-time ticket',
    tags: ['auth'],
    auth: false,
    responses: { 302: { description: 'to /signin/sso#ticket=…, which the console exchanges (POST /api/auth/oidc/complete)' }, ...pageResponses },
    handler: async ({ ctx }, req, res) => {
      try {
        const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
        const ticket = await s.oidc.callback(query, cookieOf(req.headers.cookie), ctx.audit);
        res.redirect(302, `/signin/sso#ticket=${ticket}`);
      } catch (err) {
        refuse(req, res, err, ctx.locale);
      }
    },
  });
  route(table, {
    method: 'post',
    path: '/api/auth/oidc/complete',
    summary: 'Single sign-on: exchanges the callback’s one-time ticket (in the browser that started the sign-in) for a session',
    tags: ['auth'],
    auth: false,
    body: z.strictObject({ ticket: z.string().min(1).max(128) }),
    responses: {
      200: { description: 'signed in, as with a password', schema: loginResultSchema },
      400: errors[400],
      403: { description: 'account disabled meanwhile', schema: errors[403].schema },
      404: errors[404],
    },
    handler: async ({ body, ctx }, req, res) => {
      const result = await s.oidc.complete(body.ticket, cookieOf(req.headers.cookie), ctx.audit);
      setCookie(res, '', 0, s.oidc.secureCookie());
      res.json(result);
    },
  });
}
