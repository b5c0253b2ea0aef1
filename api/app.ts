// createApp(deps): the HTTP application, without listening. One router per resource; errors mapped in one place.
import express, { Router } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../core/db/database.js';
import { accessLog } from './middleware/access-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { dispatchByPrefix } from './route-dispatch.js';
import { createAttribution, type Attribution } from './attribution.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { requestContext } from './middleware/context.js';
import { httpMetrics, metricsEndpoint } from './middleware/metrics.js';
import { newRegistry, openApiDocument } from './openapi.js';
import { accountRoutes } from './routers/accounts.js';
import { auditRoutes } from './routers/audit.js';
import { consoleRoutes } from './routers/console.js';
import { authRoutes } from './routers/auth.js';
import { ssoRoutes } from './routers/sso.js';
import { catalogRoutes } from './routers/catalog.js';
import { healthRoutes } from './routers/health.js';
import { projectRoutes } from './routers/projects.js';
import { evaluationRoutes } from './routers/evaluations.js';
import { reviewContextRoutes } from './routers/review-context.js';
import { migrationRoutes } from './routers/migration.js';
import { migrationQuestionnaireRoutes } from './routers/migration-questionnaire.js';
import { calendarRoutes } from './routers/calendar.js';
import { todoRoutes } from './routers/todo.js';
import { provisioningRoutes } from './routers/provisioning.js';
import { assessmentRoutes } from './routers/assessments.js';
import { securityRoutes } from './routers/security.js';
import { notificationSettingsRoutes } from './routers/notification-settings.js';
import { surveyRoutes } from './routers/survey.js';
import type { RouteTable } from './route.js';
import type { Services } from './services.js';
import { fromRoot } from '../core/paths.js';

export interface AppDeps {
  db: Database;
  services: Services;
  log: Logger;
  trustProxy?: boolean;
  isReady?: () => boolean;
  /** when set, GET /metrics answers only `Authorization: Bearer <token>` */
  metricsToken?: string;
  /** Strict-Transport-Security max-age (0 or unset: none; README "Hardening") */
  hstsMaxAgeSeconds?: number;
}

export const JSON_BODY_LIMIT = '256kb';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON body that is not well-formed UTF-8 is refused (400 INVALID_UTF8) instead of stored with U+FFFD in it. */
export function refuseInvalidUtf8(_req: unknown, _res: unknown, buf: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8') return;
  try {
    utf8.decode(buf);
  } catch {
    // body-parser wraps what the hook throws as entity.verify.failed; the error handler answers 400 INVALID_UTF8
    throw new Error('INVALID_UTF8');
  }
}

/** Every route of the API, registered in its router and in the OpenAPI registry. */
function apiRoutes(db: Database, services: Services, isReady: () => boolean, attribution?: Attribution): RouteTable {
  const table: RouteTable = { router: Router(), registry: newRegistry(), idempotency: () => services.idempotency, ...(attribution ? { attribution: () => attribution } : {}) };
  healthRoutes(table, db, isReady);
  authRoutes(table, services);
  ssoRoutes(table, services);
  consoleRoutes(table, services);
  todoRoutes(table, services);
  catalogRoutes(table, services);
  accountRoutes(table, services);
  auditRoutes(table, services);
  projectRoutes(table, services);
  evaluationRoutes(table, services);
  reviewContextRoutes(table, services);
  migrationRoutes(table, services);
  migrationQuestionnaireRoutes(table, services);
  assessmentRoutes(table, services);
  securityRoutes(table, services);
  provisioningRoutes(table, services);
  calendarRoutes(table, services);
  notificationSettingsRoutes(table, services);
  surveyRoutes(table, services);
  return table;
}

/**
 * The OpenAPI document without a database or services (`npm run api:client`): routes only use them when a
 * request comes, so registering them against stand-ins that refuse every use describes the same API.
 */
export function describeApi() {
  const unused = new Proxy(
    {},
    {
      get(_target, name) {
        throw new Error(`describing the API used the services (${String(name)})`);
      },
    },
  );
  return openApiDocument(apiRoutes(unused as Database, unused as Services, () => false).registry);
}

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.set('etag', false);

  const attribution = createAttribution(deps.db, deps.log);
  const table = apiRoutes(deps.db, deps.services, deps.isReady ?? (() => true), attribution);
  const document = openApiDocument(table.registry);
  table.router.get('/api/openapi.json', (_req, res) => void res.json(document));

  app.use(securityHeaders({ hstsMaxAgeSeconds: deps.hstsMaxAgeSeconds ?? 0 }));
  app.use((_req, res, next) => {
    // stopping (or not yet ready): answer, then close the connection so keep-alive clients move to another replica
    if (deps.isReady && !deps.isReady()) res.setHeader('Connection', 'close');
    next();
  });
  app.use(httpMetrics());
  app.get('/metrics', metricsEndpoint(deps.metricsToken));
  app.use(requestContext(deps.services.auth));
  app.use(accessLog(deps.log));
  const json = express.json({ limit: JSON_BODY_LIMIT, strict: true, verify: refuseInvalidUtf8 });
  // GET and HEAD carry no body the API reads: they skip the parser (its content-type checks) altogether
  app.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? next() : json(req, res, next)));
  app.use(dispatchByPrefix(table.router));
  // The web console (npm run build:web -> dist/web): static files, then index.html for any other non-API GET
  // without a file extension (client-side routes). Unknown /api paths and missing files get the 404 below.
  const webRoot = fromRoot('dist', 'web');
  app.use(express.static(webRoot, { index: false, maxAge: '1y', immutable: true, setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') }));
  app.get(/^\/(?!api(?:\/|$))(?!.*\.[A-Za-z0-9]+$).*/, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: webRoot }, (err) => err && next());
  });
  app.use(notFoundHandler);
  app.use(errorHandler(deps.db, deps.log, attribution));
  return { app, openapi: document, attribution };
}
