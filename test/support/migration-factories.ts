// Legacy systems of the migration register brought to each state of the migration machine (migration/workflow.ts)
// through the real API: registered by their department, assessed, planned into a wave, moved and verified by the
// sub-center (bdc), verification on a project whose resources were really provisioned (./request-factories.ts).
import type { MigrationState } from '../../migration/workflow.js';
import { requestIn } from './request-factories.js';
import { expectOk, uniqueTag, type Answer, type Api } from './scene.js';

export { uniqueTag };

export const SYSTEM = {
  name: '教育收费管理系统',
  purpose: '学校收费备案与公示',
  hosting: 'OWN_ROOM',
  location: '市教育局机房',
  mlpsLevel: 2,
  contacts: [{ name: '张老师', phone: '0359-1234567' }],
};
export const ASSESSMENT = {
  strategy: 'REHOST',
  effort: 'MEDIUM',
  risk: 'LOW',
  targetPlanCodes: ['vm-general-4c8g', 'rds-postgresql-ha-4c16g'],
  blockingIssues: ['等保测评需在上云后重新开展'],
};


/** A system and its current ETag; `act` takes a transition with it and keeps the new ETag. */
export interface Sys {
  id: string;
  etag: string;
  body: any;
  /** POST /api/migration/systems/:id/<action> as `user` (default bdc) with If-Match (the current ETag unless given; null: none) */
  act(action: string, body?: object, user?: string, ifMatch?: string | null): Promise<Answer>;
  /** PATCH the system as `user` with the current ETag, keeping the new one */
  patch(body: object, user: string, ifMatch?: string | null): Promise<Answer>;
}

export function tracked(api: Api, init: { id: string; etag: string; body?: any }): Sys {
  const s: Sys = {
    id: init.id,
    etag: init.etag,
    body: init.body,
    async act(action, body = {}, user = 'bdc', ifMatch = s.etag) {
      const res = await api.call('POST', `/api/migration/systems/${s.id}/${action}`, { as: user, body, ifMatch });
      if (res.status === 200) Object.assign(s, { etag: res.etag!, body: res.body });
      return res;
    },
    async patch(body, user, ifMatch = s.etag) {
      const res = await api.call('PATCH', `/api/migration/systems/${s.id}`, { as: user, body, ifMatch });
      if (res.status === 200) Object.assign(s, { etag: res.etag!, body: res.body });
      return res;
    },
  };
  return s;
}

/** Registers a system as `user` (a name of its own unless given). */
export async function registerSystem(api: Api, user = 'dept', over: Record<string, unknown> = {}): Promise<Sys> {
  const res = expectOk('register', await api.call('POST', '/api/migration/systems', { as: user, body: { ...SYSTEM, name: `${SYSTEM.name}-${uniqueTag()}`, ...over } }), 201);
  return tracked(api, { id: res.body.id, etag: res.etag!, body: res.body });
}

/** A migration wave of the sub-center (a name of its own unless given). */
export async function createWave(api: Api, over: Record<string, unknown> = {}): Promise<{ id: string; etag: string; body: any }> {
  const body = { name: `迁移批次-${uniqueTag()}`, startDate: '2026-03-01', endDate: '2026-06-30', description: '市直部门自建机房系统', ...over };
  const res = expectOk('create wave', await api.call('POST', '/api/migration/waves', { as: 'bdc', body }), 201);
  return { id: res.body.id, etag: res.etag ?? `"v${res.body.version}"`, body: res.body };
}

async function must(s: Sys, action: string, body: object = {}): Promise<Sys> {
  expectOk(action, await s.act(action, body));
  return s;
}

export interface SystemOptions {
  user?: string;
  over?: Record<string, unknown>;
  /** the wave PLANNED and later states are planned into (a new one unless given) */
  waveId?: string;
  /** the state BLOCKED is blocked from (default REGISTERED) */
  blockedFrom?: MigrationState;
}

/**
 * A system brought to `state` through the API. MIGRATED verifies it on a new established project of its
 * department whose resources were provisioned by the worker; DECOMMISSIONED goes on from there.
 */
export async function systemIn(api: Api, state: MigrationState, opts: SystemOptions = {}): Promise<Sys> {
  const user = opts.user ?? 'dept';
  const from = (s: MigrationState) => systemIn(api, s, opts);
  switch (state) {
    case 'REGISTERED':
      return registerSystem(api, user, opts.over);
    case 'ASSESSED':
      return must(await from('REGISTERED'), 'assess', ASSESSMENT);
    case 'PLANNED':
      return must(await from('ASSESSED'), 'plan', { waveId: opts.waveId ?? (await createWave(api)).id });
    case 'MIGRATING':
      return must(await from('PLANNED'), 'start', { note: '开始数据迁移' });
    case 'CUT_OVER':
      return must(await from('MIGRATING'), 'cut-over');
    case 'MIGRATED': {
      const s = await from('CUT_OVER');
      const req = await requestIn(api, 'PROVISIONED', { user });
      return must(s, 'verify', { projectId: req.projectId, note: '系统已在政务云稳定运行一周' });
    }
    case 'DECOMMISSIONED':
      return must(await from('MIGRATED'), 'decommission', { note: '原机房服务器已下电' });
    case 'BLOCKED':
      return must(await systemIn(api, opts.blockedFrom ?? 'REGISTERED', opts), 'block', { reason: '原厂商已注销，源代码缺失' });
  }
}
