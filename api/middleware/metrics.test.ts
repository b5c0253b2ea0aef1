// HTTP metrics: labelled by the route pattern (never the raw URL) and status class; /metrics behind its token.
import express, { Router } from 'express';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { jobOutcomes, loginFailures, registerQueueDepth, registry } from '../../core/metrics.js';
import { httpMetrics, metricsEndpoint } from './metrics.js';

function app(token?: string) {
  const a = express();
  a.use(httpMetrics());
  a.get('/metrics', metricsEndpoint(token));
  const r = Router();
  r.get('/api/things/:id', (req, res) => void res.status(req.params.id === 'missing' ? 404 : 200).json({ id: req.params.id }));
  r.post('/api/things/:id/fail', () => {
    throw new Error('boom');
  });
  a.use(r);
  return a;
}

const series = async (name: string) => (await registry.getSingleMetricAsString(name)).split('\n').filter((l) => !l.startsWith('#'));

describe('HTTP metrics', () => {
  it('label each request with its route pattern and status class, not the URL', async () => {
    const http = supertest(app());
    await http.get('/api/things/a1');
    await http.get('/api/things/b2');
    await http.get('/api/things/missing');
    await http.post('/api/things/c3/fail');
    await http.get('/nowhere/at/all');
    const lines = await series('zhengyun_http_request_duration_seconds');
    const count = (route: string, status: string) =>
      Number(lines.find((l) => l.startsWith('zhengyun_http_request_duration_seconds_count') && l.includes(`route="${route}"`) && l.includes(`status_class="${status}"`))?.split(' ').at(-1) ?? 0);
    expect(count('/api/things/:id', '2xx')).toBe(2);
    expect(count('/api/things/:id', '4xx')).toBe(1);
    expect(count('/api/things/:id/fail', '5xx')).toBe(1);
    expect(count('<unmatched>', '4xx')).toBe(1);
    expect(lines.some((l) => l.includes('a1') || l.includes('b2'))).toBe(false);
  });

  it('serve Prometheus text with default process metrics, job and login counters and the queue depth', async () => {
    jobOutcomes.inc({ kind: 'PROVISION', outcome: 'succeeded' });
    loginFailures.inc({ reason: 'bad_password' });
    const remove = registerQueueDepth('provisioning', async () => 7);
    const res = await supertest(app()).get('/metrics');
    remove();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total\{service="zhengyun"\} /m);
    expect(res.text).toMatch(/^nodejs_eventloop_lag_seconds\{service="zhengyun"\} /m);
    expect(res.text).toMatch(/^zhengyun_jobs_total\{kind="PROVISION",outcome="succeeded",service="zhengyun"\} 1$/m);
    expect(res.text).toMatch(/^zhengyun_login_failures_total\{reason="bad_password",service="zhengyun"\} 1$/m);
    expect(res.text).toMatch(/^zhengyun_job_queue_depth\{queue="provisioning",service="zhengyun"\} 7$/m);
    expect(res.text).toMatch(/^# TYPE zhengyun_provisioning_duration_seconds histogram$/m);
  });

  it('leave a queue out of the scrape when it cannot be read, instead of failing the scrape', async () => {
    const remove = registerQueueDepth('broken', async () => {
      throw new Error('database away');
    });
    const res = await supertest(app()).get('/metrics');
    remove();
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/queue="broken"/);
  });

  it('answer only the monitoring token when one is set', async () => {
    const http = supertest(app('a-long-enough-metrics-token'));
    const none = await http.get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.text).not.toMatch(/zhengyun_/);
    expect((await http.get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token')).status).toBe(401);
    expect((await http.get('/metrics').set('Authorization', 'Bearer a-long-enough-metrics-token')).status).toBe(200);
  });
});
