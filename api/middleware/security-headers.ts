// The response headers that keep the console from being framed, scripted from elsewhere or downgraded to HTTP
// (README "Hardening"). helmet sets most; Permissions-Policy is ours (helmet does not set it).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What the built console (dist/web) needs: its scripts and styles from its own origin; antd writes its component
 * styles into <style> elements at run time (CSS-in-JS), hence 'unsafe-inline' for styles only, never for scripts;
 * the favicon is a data: URI; the API and its event streams are same-origin.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
};

/** Browser features the console never uses, switched off for it and for anything that would frame it. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
  'browsing-topics=()',
].join(', ');

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security max-age; 0 (default): not sent. Set it only when the platform is reached over TLS. */
  hstsMaxAgeSeconds: number;
}

/** What a header middleware does to a response: headers set (in order) and removed. */
type HeaderStep = readonly ['set', string, string] | readonly ['remove', string];

/**
 * The steps `middleware` takes on a response, recorded once against a stand-in: helmet's headers depend on its
 * options only (no nonces, nothing from the request), so they are the same for every response.
 */
function recordHeaderSteps(middleware: RequestHandler): HeaderStep[] {
  const steps: HeaderStep[] = [];
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      if (typeof value !== 'string') throw new Error(`security headers: ${name} is not a fixed string`);
      steps.push(['set', name, value]);
      return res;
    },
    removeHeader(name: string) {
      steps.push(['remove', name]);
    },
  };
  let done = false;
  middleware({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('security headers: the middleware did not finish synchronously');
  return steps;
}

export function securityHeaders(opts: SecurityHeaderOptions): RequestHandler {
  const steps = recordHeaderSteps(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      // the console loads nothing from other origins; COEP would only break downloads opened in new tabs
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: opts.hstsMaxAgeSeconds > 0 ? { maxAge: opts.hstsMaxAgeSeconds, includeSubDomains: true } : false,
      xContentTypeOptions: true,
      xDnsPrefetchControl: { allow: false },
      xDownloadOptions: true,
      xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
      // helmet's own default would also set X-XSS-Protection: 0, which is what we want (the old filter is harmful)
      xXssProtection: true,
      originAgentCluster: true,
    }),
  );
  steps.push(['set', 'Permissions-Policy', PERMISSIONS_POLICY]);
  // helmet's header set is worked out once (above) and replayed on every response in one step, instead of
  // running its dozen middlewares and rebuilding the CSP string per request
  const removed = steps.filter((s) => s[0] === 'remove').map((s) => s[1]);
  const set = steps.filter((s): s is readonly ['set', string, string] => s[0] === 'set').map(([, name, value]) => [name, value] as const);
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
