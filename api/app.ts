// createApp(deps): the HTTP application, without listening. One router per resource; errors mapped in one place.
import express, { Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Database } from '../core/db/database.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { requestContext } from './middleware/context.js';
import { newRegistry, openApiDocument } from './openapi.js';
import { accountRoutes } from './routers/accounts.js';
import { auditRoutes } from './routers/audit.js';
import { authRoutes } from './routers/auth.js';
import { catalogRoutes } from './routers/catalog.js';
import { healthRoutes } from './routers/health.js';
import { projectRoutes } from './routers/projects.js';
import { migrationRoutes } from './routers/migration.js';
import { provisioningRoutes } from './routers/provisioning.js';
import type { Services } from './services.js';

export interface AppDeps {
  db: Database;
  services: Services;
  log: Logger;
  trustProxy?: boolean;
  isReady?: () => boolean;
}

export const JSON_BODY_LIMIT = '256kb';

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.set('etag', false);

  const table = { router: Router(), registry: newRegistry() };
  healthRoutes(table, deps.db, deps.isReady ?? (() => true));
  authRoutes(table, deps.services);
  catalogRoutes(table, deps.services);
  accountRoutes(table, deps.services);
  auditRoutes(table, deps.services);
  projectRoutes(table, deps.services);
  migrationRoutes(table, deps.services);
  provisioningRoutes(table, deps.services);
  const document = openApiDocument(table.registry);
  table.router.get('/api/openapi.json', (_req, res) => void res.json(document));

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.use(requestContext(deps.services.auth));
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req) => (req as express.Request).ctx?.requestId ?? '-',
      customProps: (req) => ({ user: (req as express.Request).ctx?.principal?.username }),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(express.json({ limit: JSON_BODY_LIMIT, strict: true }));
  app.use(table.router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.db, deps.log));
  return { app, openapi: document };
}
