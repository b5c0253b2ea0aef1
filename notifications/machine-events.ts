// Who is told of which change of state, written in the change's own transaction (core/workflow/listeners.ts): a
// project reaching someone's stage, returned, rejected, approved, suspended; a rectification notice; a resource
// request submitted or decided; a provisioning job that ends; a catalog revision waiting for its approver or
// published. Each notification names the object, the article and, where there is one, the deadline.
import type { Action } from '../core/access/abilities.js';
import type { Tx } from '../core/db/database.js';
import { onChange, type Change } from '../core/workflow/listeners.js';
import { actionKey, stateKey } from '../core/workflow/machine.js';
import { PROJECT_MACHINE } from '../projects/workflow.js';
import { projectLink, requestLink, revisionLink } from './links.js';
import { notify } from './notify.js';
import { membersOf, usersWhoMay, usersWithRoles } from './recipients.js';

/** the decision a project's state waits for, and the ability that takes it */
const PROJECT_STAGES: Partial<Record<string, Action[]>> = {
  GIA_REVIEW: ['review'],
  BUDGET_REVIEW: ['budgetReview'],
  BUDGET_APPROVED: ['notice'],
  CHANGE_REVIEW: ['changeReview'],
};
/** actions whose outcome the project's unit hears of (besides returned / rejected, and the stages above) */
const PROJECT_OUTCOMES = new Set(['establish', 'change-review', 'suspend', 'resume', 'terminate', 'acceptance']);

/** once per change: the object's version claimed by it */
const changeKey = (c: Change) => `change:${c.subject}:${c.row.id}:${c.row.version}:${c.action}`;
const actorId = (c: Change) => c.actor.principal?.id ?? null;

async function projectOf(tx: Tx, id: string) {
  return tx.project.findUniqueOrThrow({ where: { id }, select: { id: true, code: true, name: true, orgId: true, jurisdiction: true, status: true } });
}

onChange('Project', async (tx, c) => {
  const p = await projectOf(tx, c.row.id);
  const object = { type: 'Project', id: p.id, name: p.name };
  const article = PROJECT_MACHINE.actions[c.action as keyof typeof PROJECT_MACHINE.actions]?.article ?? null;
  const base = { object, article, dedupeKey: changeKey(c), link: (r: { role: Parameters<typeof projectLink>[0] }) => projectLink(r.role, p.id) };
  const deciders = c.to !== c.from ? PROJECT_STAGES[c.to] : undefined;
  if (deciders) {
    const recipients = await usersWhoMay(tx, deciders, 'Project', { ...p, status: c.to }, actorId(c));
    await notify(tx, { ...base, event: 'PROJECT_AT_STAGE', recipients, params: { code: p.code, stageKey: stateKey('Project', c.to) } });
  }
  const unit = () => membersOf(tx, p.orgId, { except: actorId(c) });
  if (c.to !== c.from && (c.to === 'RETURNED' || c.to === 'REJECTED')) {
    // the reviewer's comment, recorded with the decision (projects/machine.ts)
    const review = await tx.projectReview.findFirst({ where: { projectId: p.id }, orderBy: { createdAt: 'desc' }, select: { comment: true } });
    const reason = c.note ?? review?.comment ?? '';
    await notify(tx, { ...base, event: c.to === 'RETURNED' ? 'PROJECT_RETURNED' : 'PROJECT_REJECTED', recipients: await unit(), params: { code: p.code, reason } });
  } else if (c.action === 'establish') {
    await notify(tx, { ...base, event: 'PROJECT_APPROVED', recipients: await unit(), params: { code: p.code, actionKey: actionKey('Project', c.action) } });
  } else if (PROJECT_OUTCOMES.has(c.action) && !deciders) {
    await notify(tx, { ...base, event: 'PROJECT_STATE_CHANGED', recipients: await unit(), params: { code: p.code, actionKey: actionKey('Project', c.action), stageKey: stateKey('Project', c.to) } });
  } else if (c.action === 'rectify') {
    const due = String(c.detail.dueDate ?? '');
    await notify(tx, { ...base, event: 'RECTIFICATION_NOTICE', dueDate: due || null, recipients: await unit(), params: { code: p.code, due } });
  } else if (c.action === 'request' && typeof c.detail.requestId === 'string') {
    const request = await tx.resourceRequest.findUniqueOrThrow({ where: { id: c.detail.requestId } });
    const recipients = await usersWhoMay(tx, ['approve', 'return'], 'ResourceRequest', request, actorId(c));
    await notify(tx, {
      event: 'REQUEST_SUBMITTED',
      object: { type: 'ResourceRequest', id: request.id, name: request.code },
      article: '第二十八条',
      dedupeKey: changeKey(c),
      recipients,
      params: { project: p.name },
      link: (r) => requestLink(r.role, request.id, p.id),
    });
  }
});

onChange('ResourceRequest', async (tx, c) => {
  if (c.action !== 'approve' && c.action !== 'return') return;
  const request = await tx.resourceRequest.findUniqueOrThrow({ where: { id: c.row.id }, select: { id: true, code: true, orgId: true, projectId: true, createdById: true } });
  const recipients = await membersOf(tx, request.orgId, { except: actorId(c) });
  await notify(tx, {
    event: 'REQUEST_DECIDED',
    object: { type: 'ResourceRequest', id: request.id, name: request.code },
    article: '第二十八条',
    dedupeKey: changeKey(c),
    recipients,
    params: { actionKey: actionKey('ResourceRequest', c.action), reason: c.note ?? '' },
    link: (r) => requestLink(r.role, request.id, request.projectId),
  });
});

onChange('ProvisioningJob', async (tx, c) => {
  if (c.action !== 'succeed' && c.action !== 'fail') return;
  const job = await tx.provisioningJob.findUniqueOrThrow({ where: { id: c.row.id }, select: { id: true, kind: true, projectId: true, requestId: true, error: true } });
  // previews and drift checks are the operator's own looks at the cluster: only changes are announced
  if (job.kind === 'PREVIEW' || job.kind === 'REFRESH') return;
  const request = job.requestId ? await tx.resourceRequest.findUnique({ where: { id: job.requestId }, select: { id: true, code: true, orgId: true } }) : null;
  const project = await tx.project.findUniqueOrThrow({ where: { id: job.projectId }, select: { name: true, orgId: true } });
  const recipients = [...(await usersWithRoles(tx, ['BDC_OPERATOR'])), ...(await membersOf(tx, request?.orgId ?? project.orgId))];
  await notify(tx, {
    event: c.action === 'succeed' ? 'JOB_SUCCEEDED' : 'JOB_FAILED',
    object: request ? { type: 'ResourceRequest', id: request.id, name: request.code } : { type: 'Project', id: job.projectId, name: project.name },
    article: '第二十八条',
    dedupeKey: changeKey(c),
    recipients,
    params: { kindKey: `jobKind.${job.kind}`, reason: String(c.detail.error ?? job.error ?? '') },
    link: (r) => (request ? requestLink(r.role, request.id, job.projectId) : projectLink(r.role, job.projectId)),
  });
});

/** whose turn a catalog revision's state is, and the ability that takes it */
const REVISION_STAGES: Partial<Record<string, Action[]>> = { SUBMITTED: ['approve'], APPROVED: ['publish'], DRAFT: ['submit'] };

onChange('CatalogRevision', async (tx, c) => {
  const rev = await tx.catalogRevision.findUnique({ where: { id: c.row.id }, select: { id: true, number: true, title: true, status: true } });
  if (!rev) return; // discarded: nobody waits for a draft that is gone
  // revisions are addressed by their number (GET /api/catalog/revisions/:number)
  const object = { type: 'CatalogRevision', id: String(rev.number), name: `第 ${rev.number} 版 ${rev.title}` };
  const base = { object, article: '第二十八条', dedupeKey: changeKey(c), link: (r: { role: Parameters<typeof revisionLink>[0] }) => revisionLink(r.role, rev.number) };
  if (c.action === 'publish') {
    await notify(tx, { ...base, event: 'REVISION_PUBLISHED', recipients: (await usersWithRoles(tx)).filter((u) => u.id !== actorId(c)) });
    return;
  }
  const stage = c.to !== c.from && c.action !== 'update' ? REVISION_STAGES[c.to] : undefined;
  if (!stage) return;
  const recipients = await usersWhoMay(tx, stage, 'CatalogRevision', { ...rev, status: c.to }, actorId(c));
  await notify(tx, { ...base, event: 'REVISION_AT_STAGE', recipients, params: { stageKey: stateKey('CatalogRevision', c.to) } });
});

/** A public notice's objection (Art. 10): the bureau that decides the project and its unit hear of it. */
export async function notifyObjection(tx: Tx, projectId: string, objectionId: string): Promise<void> {
  const p = await projectOf(tx, projectId);
  const recipients = [...(await usersWhoMay(tx, ['establish'], 'Project', p)), ...(await membersOf(tx, p.orgId))];
  await notify(tx, {
    event: 'NOTICE_OBJECTION',
    object: { type: 'Project', id: p.id, name: p.name },
    article: '第十条',
    dedupeKey: `objection:${objectionId}`,
    recipients,
    params: { code: p.code },
    link: (r) => projectLink(r.role, p.id),
  });
}
