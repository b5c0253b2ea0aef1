// The access log: one line per request with the route pattern (never a raw URL as the route), nothing for health
// probes, and no route at all for what no pattern matched (the web console's pages are served by a RegExp route).
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { accessLog } from './access-log.js';

function app() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const a = express();
  a.use(accessLog(pino({}, sink)));
  a.get('/api/things/:id', (req, res) => void res.json({ id: req.params.id }));
  a.get(/^\/(?!api(?:\/|$)).*/, (_req, res) => void res.type('html').send('<!doctype html>'));
  a.get('/healthz', (_req, res) => void res.send('ok'));
  return { http: supertest(a), lines };
}

describe('access log', () => {
  it('names the route pattern, leaves it out for a RegExp route, and skips health probes', async () => {
    const { http, lines } = app();
    await http.get('/api/things/42?token=secret');
    await http.get('/migration/systems');
    await http.get('/healthz');
    await http.get('/api/nowhere');
    expect(lines.map((l) => [l.msg, l.method, l.path, l.route, l.status])).toEqual([
      ['request', 'GET', '/api/things/42', '/api/things/:id', 200],
      ['request', 'GET', '/migration/systems', undefined, 200],
      ['request', 'GET', '/api/nowhere', undefined, 404],
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
