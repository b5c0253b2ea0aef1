// Builds req.ctx: request id, locale, and the signed-in user (if any) with their abilities.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { abilityFor } from '../../core/access/ability-cache.js';
import { pickLocale } from '../../core/i18n.js';
import { AppError } from '../../core/errors.js';
import type { AuthService } from '../../accounts/auth.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestContext(auth: AuthService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const locale = pickLocale(req.headers['accept-language'], typeof req.query.lang === 'string' ? req.query.lang : undefined);
    const audit = {
      actorId: null,
      actorName: null,
      actorRole: null,
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      requestId,
    };
    req.ctx = { requestId, locale, principal: null, ability: abilityFor(null), audit };
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = header.slice(7).trim();
      try {
        const user = await auth.authenticate(token);
        req.ctx = {
          ...req.ctx,
          principal: user,
          token,
          ability: abilityFor(user),
          audit: { ...audit, actorId: user.id, actorName: user.username, actorRole: user.role },
        };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        req.ctx.authError = err.code === 'SESSION_EXPIRED' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED';
      }
    }
    next();
  };
}
