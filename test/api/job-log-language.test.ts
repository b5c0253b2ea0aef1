// A job's log and a tenant's resource states read in the reader's language (Accept-Language), with codes that stay
// the same in every language, for a job that succeeds and one that fails; the engine's words (here the failing
// driver's error) stay as they were said, apart from the text, in `detail`. Lines stored before lines had codes
// still show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { NO_WORKERS, jobRig, queuedProvision, type JobRig } from '../support/provisioning-factories.js';

let t: TestPlatform;
let rig: JobRig;
beforeAll(async () => {
  t = await startTestPlatform(NO_WORKERS);
  rig = jobRig(t, 1); // one retry: the second failed attempt is the last
});
afterAll(() => t?.stop());

type Line = { code: string; params: Record<string, unknown>; text: string; detail: string | null; level: string };
type Locale = 'zh-CN' | 'en';

const CJK = /[\u3400-\u9fff]/;
/** an English word: two ASCII letters or more */
const ENGLISH_WORD = /[A-Za-z]{2,}/;

async function logIn(jobId: string, locale: Locale): Promise<Line[]> {
  const res = await t.http.get(`/api/jobs/${jobId}`).set(await t.as('bdc')).set('Accept-Language', locale);
  expect(res.status).toBe(200);
  return res.body.events as Line[];
}

async function streamIn(jobId: string, locale: Locale): Promise<Omit<Line, 'seq'>[]> {
  const sse = await t.http.get(`/api/jobs/${jobId}/events`).set(await t.as('bdc')).set('Accept-Language', locale).buffer(true).parse((res, cb) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => cb(null, text));
  });
  return String(sse.body)
    .split('\n\n')
    .filter((block) => block.includes('event: log'))
    .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as Line);
}

/** Every line's text is in the language: Chinese without an English word, or English without a Chinese character. */
function expectIn(lines: Pick<Line, 'text' | 'code'>[], locale: Locale) {
  for (const { text, code } of lines) {
    expect(code, text).toMatch(/^job\.log\.\w+$/);
    expect(code).not.toBe('job.log.legacy');
    if (locale === 'zh-CN') {
      expect(text, code).toMatch(CJK);
      expect(text, code).not.toMatch(ENGLISH_WORD);
    } else {
      expect(text, code).toMatch(ENGLISH_WORD);
      expect(text, code).not.toMatch(CJK);
    }
  }
}

describe("a job's log in the reader's language", () => {
  it('a successful provisioning reads entirely in Chinese or in English, line by line the same codes, in the job and its stream', async () => {
    const r = await queuedProvision(t);
    await rig.worker.handle({ jobId: r.jobId });
    const zh = await logIn(r.jobId, 'zh-CN');
    const en = await logIn(r.jobId, 'en');
    const codes = ['job.log.queued', 'job.log.started', 'job.log.desiredState', 'job.log.rendered', 'job.log.succeeded'];
    expect(zh.map((l) => l.code)).toEqual(codes);
    expect(en.map((l) => l.code)).toEqual(codes);
    expect(en.map((l) => l.params)).toEqual(zh.map((l) => l.params));
    expectIn(zh, 'zh-CN');
    expectIn(en, 'en');
    expect(zh[0]).toMatchObject({ params: { kind: 'job.kind.PROVISION' }, text: '已排队（开通）', detail: null });
    expect(en[0]).toMatchObject({ text: 'Queued (Provisioning)' });
    expect(zh[1]!.text).toBe('开始执行（第 1 次）');
    expect(en[1]!.text).toBe('Started (attempt 1)');
    // the stream carries the same lines
    const streamed = await streamIn(r.jobId, 'en');
    expect(streamed.map((l) => l.text)).toEqual(en.map((l) => l.text));
    expect(streamed.map((l) => l.code)).toEqual(codes);
    expectIn(await streamIn(r.jobId, 'zh-CN'), 'zh-CN');
  });

  it("a failed provisioning reads in the language too; the failure's own words are kept apart, as the engine's", async () => {
    const r = await queuedProvision(t);
    rig.failUp.set(r.stack, 2);
    await expect(rig.worker.handle({ jobId: r.jobId })).rejects.toThrow();
    await rig.worker.handle({ jobId: r.jobId });
    const zh = await logIn(r.jobId, 'zh-CN');
    const en = await logIn(r.jobId, 'en');
    const codes = ['job.log.queued', 'job.log.started', 'job.log.desiredState', 'job.log.retrying', 'job.log.started', 'job.log.desiredState', 'job.log.failed'];
    expect(zh.map((l) => l.code)).toEqual(codes);
    expect(en.map((l) => l.code)).toEqual(codes);
    expectIn(zh, 'zh-CN');
    expectIn(en, 'en');
    const job = (await t.http.get(`/api/jobs/${r.jobId}`).set(await t.as('bdc'))).body;
    expect(job.state).toBe('FAILED');
    expect(zh.at(-1)).toMatchObject({ level: 'error', text: '失败', detail: job.error });
    expect(en.at(-1)).toMatchObject({ level: 'error', text: 'Failed', detail: job.error });
    expect(zh[3]).toMatchObject({ text: '出错，将重试', detail: expect.stringContaining('driver failed') });
    // the driver's words are nowhere in the text
    for (const l of [...zh, ...en]) expect(l.text).not.toContain('driver failed');
  });

  it('shows a line stored before lines had codes as it was stored', async () => {
    const r = await queuedProvision(t);
    await t.platform.db.prisma.jobEvent.create({ data: { jobId: r.jobId, level: 'info', message: '完成 / succeeded' } });
    const lines = await logIn(r.jobId, 'en');
    expect(lines.at(-1)).toMatchObject({ code: 'job.log.legacy', params: {}, text: '完成 / succeeded', detail: null });
  });
});

describe("resource states in the reader's language", () => {
  it('each state is a code with its name, the platform\'s note in the language, the same codes in both', async () => {
    const r = await queuedProvision(t);
    await rig.worker.handle({ jobId: r.jobId });
    const read = async (locale: Locale) => (await t.http.get(`/api/projects/${r.projectId}/resources`).set(await t.as('bdc')).set('Accept-Language', locale)).body;
    const zh = await read('zh-CN');
    const en = await read('en');
    expect(zh.state).toBe('PROVISIONING');
    expect(en.state).toBe('PROVISIONING');
    expect(zh.stateLabel).toBe('创建中');
    expect(en.stateLabel).toBe('Provisioning');
    const vm = (body: { resources: { kind: string }[] }) => body.resources.find((x) => x.kind === 'VirtualMachine');
    // the render driver writes manifests for an operator to apply: the platform says so, in the reader's language
    expect(vm(zh)).toMatchObject({ state: 'PROVISIONING', stateLabel: '创建中', detail: '已生成清单，待运维人员应用', detailFromEngine: false });
    expect(vm(en)).toMatchObject({ state: 'PROVISIONING', stateLabel: 'Provisioning', detail: 'Manifests rendered, waiting to be applied', detailFromEngine: false });
    for (const x of zh.resources) expect(x.stateLabel).toMatch(CJK);
    for (const x of en.resources) expect(x.stateLabel).not.toMatch(CJK);
  });
});
