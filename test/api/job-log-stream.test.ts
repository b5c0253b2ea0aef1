// A job's log followed live: the stream is open before the job runs, and every line the worker writes reaches it
// as the worker commits it, woken by the database's notifications (LISTEN/NOTIFY, or the embedded database's), not by
// a timer; the stream ends when the job does. The job's end also tells the operators and the unit (站内信).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { NO_WORKERS, jobRig, queuedProvision, type JobRig } from '../support/provisioning-factories.js';

let t: TestPlatform;
let rig: JobRig;
beforeAll(async () => {
  t = await startTestPlatform(NO_WORKERS);
  rig = jobRig(t, 1);
});
afterAll(() => t?.stop());

describe("a job's log, live", () => {
  it('reaches a stream opened while the job was still queued, line by line, and ends with the job', async () => {
    const r = await queuedProvision(t);
    const received: { event: string; at: number }[] = [];
    let text = '';
    const stream = t.http
      .get(`/api/jobs/${r.jobId}/events`)
      .set(await t.as('bdc'))
      .buffer(true)
      .parse((res, cb) => {
        res.on('data', (c: Buffer) => {
          text += c.toString();
          for (const m of c.toString().matchAll(/event: (\w+)/g)) received.push({ event: m[1]!, at: Date.now() });
        });
        res.on('end', () => cb(null, text));
      });
    const done = stream.then((res) => res);
    // the queued line is there at once; nothing else until the worker runs
    for (let waited = 0; !received.length && waited < 5_000; waited += 20) await new Promise((res) => setTimeout(res, 20));
    expect(received.map((e) => e.event)).toEqual(['log']);
    await new Promise((res) => setTimeout(res, 700));
    expect(received).toHaveLength(1);

    const started = Date.now();
    await rig.worker.handle({ jobId: r.jobId });
    const res = await done;
    expect(res.status).toBe(200);
    const events = received.map((e) => e.event);
    expect(events.at(-1)).toBe('end');
    expect(events.filter((e) => e === 'log').length).toBeGreaterThan(2);
    expect(String(res.body)).toContain('"state":"SUCCEEDED"');
    // the end came as the job ended, not at the next tick of a poll (the old stream slept 500 ms between reads)
    expect(received.at(-1)!.at - started).toBeLessThan(5_000);

    const notes = await t.http.get('/api/notifications').query({ pageSize: 100 }).set(await t.as('bdc'));
    expect(notes.body.items.filter((n: { event: string; objectId: string }) => n.event === 'JOB_SUCCEEDED' && n.objectId === r.requestId)).toHaveLength(1);
    const unit = await t.http.get('/api/notifications').query({ pageSize: 100 }).set(await t.as('dept'));
    expect(unit.body.items.filter((n: { event: string; objectId: string }) => n.event === 'JOB_SUCCEEDED' && n.objectId === r.requestId)).toHaveLength(1);
  });
});
