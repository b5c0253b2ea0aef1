// Dispatch by path prefix answers exactly as one express Router with the same routes.
import express, { Router } from 'express';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { dispatchByPrefix, pathKey, patternKey } from './route-dispatch.js';

function app() {
  const r = Router();
  const echo = (name: string) => (req: express.Request, res: express.Response) =>
    void res.json({ name, route: (req.route as { path: string }).path, params: req.params, baseUrl: req.baseUrl });
  r.get('/api/things', echo('list'));
  r.get('/api/things/:id', echo('one'));
  r.post('/api/things/:id', echo('post'));
  r.get('/api/other/:id', echo('other'));
  r.get('/healthz', echo('health'));
  r.get('/api/things/:id/fail', () => {
    throw new Error('boom');
  });
  const a = express();
  a.use(dispatchByPrefix(r));
  a.use((_req, res) => void res.status(404).json({ code: 'ROUTE_NOT_FOUND' }));
  a.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(500).json({ code: 'INTERNAL' }));
  return supertest(a);
}

describe('dispatch by prefix', () => {
  it('keys patterns and paths by their fixed first segment, case-insensitively', () => {
    expect(patternKey('/api/projects/:id/x')).toBe('api/projects');
    expect(patternKey('/healthz')).toBe('healthz');
    expect(patternKey('/api/:id')).toBeNull();
    expect(patternKey('/:x')).toBeNull();
    expect(pathKey('/API/Projects/1')).toBe('api/projects');
    expect(pathKey('/api/projects/')).toBe('api/projects');
  });

  it('matches as one router would: order, params, methods, case, trailing slash, route pattern', async () => {
    const http = app();
    expect((await http.get('/api/things')).body).toEqual({ name: 'list', route: '/api/things', params: {}, baseUrl: '' });
    expect((await http.get('/api/things/a1')).body).toEqual({ name: 'one', route: '/api/things/:id', params: { id: 'a1' }, baseUrl: '' });
    expect((await http.post('/api/things/a1')).body.name).toBe('post');
    expect((await http.get('/API/Things/')).body.name).toBe('list');
    expect((await http.get('/api/other/x')).body.name).toBe('other');
    expect((await http.get('/healthz')).body.name).toBe('health');
  });

  it('passes on what no route of the segment matches, and errors to the error handler', async () => {
    const http = app();
    expect((await http.get('/api/nowhere')).status).toBe(404);
    expect((await http.get('/api/things/a/b/c')).status).toBe(404);
    expect((await http.delete('/api/things/a1')).status).toBe(404);
    expect((await http.get('/api')).status).toBe(404);
    expect((await http.get('/api/things/a1/fail')).status).toBe(500);
  });

  it('refuses a route that does not begin with a fixed segment', () => {
    const r = Router();
    r.get('/api/:anything', (_req, res) => void res.end());
    expect(() => dispatchByPrefix(r)).toThrow(/fixed segment/);
  });
});
