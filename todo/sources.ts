// Where the to-do centre finds what waits for the reader, each source with the reader's own rights (the same
// `allowedWhere` the queues use: a matter is listed only to those who may deal with it): projects at a stage they
// decide, their unit's returned projects, their unit's open deadlines, the overdue ones they supervise, resource
// requests to review or provision, catalog revisions to approve or publish, spot-checks to record.
import { allowedWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { daysLeft, toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { t, type Locale } from '../core/i18n.js';
import { actionKey, stateKey } from '../core/workflow/machine.js';
import { deadlineLink, projectLink, requestLink, revisionLink, surveyResponseLink } from '../notifications/links.js';
import { PROJECT_MACHINE, QUEUES, QUEUE_STAGES } from '../projects/workflow.js';
import type { TodoItem, TodoKind } from './schema.js';

export interface SourceContext {
  tx: Tx;
  /** at most this many of the kind's matters, the most urgent first (0: only count them); the count is exact */
  take: number;
  actor: Actor;
  today: LocalDate;
  locale: Locale;
  q?: string;
}

export interface TodoSource {
  kind: TodoKind;
  /** whether the reader could ever have such a matter (their role's abilities) */
  applies(actor: Actor): boolean;
  load(c: SourceContext): Promise<{ items: TodoItem[]; total: number }>;
}

const role = (c: SourceContext) => c.actor.principal!.role;

/**
 * The exact count, then the first `c.take` matters only when there are any: a kind with nothing waiting costs one
 * statement, not a list and its relations' queries (each statement is planned anew; README, "Signed-in read paths").
 */
async function countThenLoad<R>(c: SourceContext, count: () => Promise<number>, load: () => Promise<R[]>): Promise<[number, R[]]> {
  const total = await count();
  return [total, total === 0 || c.take === 0 ? [] : await load()];
}
const projectSearch = (q?: string): Prisma.ProjectWhereInput => (q ? { OR: [{ name: { contains: q } }, { code: { contains: q } }, { org: { name: { contains: q } } }] } : {});

function due(dueDate: string | null, today: LocalDate) {
  if (!dueDate) return { dueDate: null, daysLeft: null, overdue: false };
  const left = daysLeft(dueDate as LocalDate, today);
  return { dueDate, daysLeft: left.workingDays, overdue: left.overdue };
}

const projectSelect = { id: true, code: true, name: true, status: true, submittedAt: true, updatedAt: true, org: { select: { name: true } } } as const;

const projectStage: TodoSource = {
  kind: 'projectStage',
  applies: (actor) => QUEUE_STAGES.some((s) => actor.ability.can(PROJECT_MACHINE.actions[QUEUES[s]].ability, 'Project')),
  async load(c) {
    const stages = QUEUE_STAGES.filter((s) => c.actor.ability.can(PROJECT_MACHINE.actions[QUEUES[s]].ability, 'Project'));
    const where: Prisma.ProjectWhereInput = {
      AND: [{ OR: stages.map((s) => ({ AND: [{ status: s }, allowedWhere(c.actor.ability, PROJECT_MACHINE.actions[QUEUES[s]].ability, 'Project')] })) }, projectSearch(c.q)],
    };
    const [total, rows] = await countThenLoad(
      c,
      () => c.tx.project.count({ where }),
      () => c.tx.project.findMany({ where, orderBy: { submittedAt: 'asc' }, take: c.take, select: { ...projectSelect, notices: { where: { closedAt: null }, select: { endDate: true }, take: 1 } } }),
    );
    return {
      total,
      items: rows.map((p) => {
        const action = QUEUES[p.status as keyof typeof QUEUES];
        return {
          id: `projectStage:${p.id}`,
          kind: 'projectStage',
          kindLabel: '',
          objectType: 'Project',
          objectId: p.id,
          objectName: `${p.code} ${p.name}`,
          title: t(actionKey('Project', action), c.locale),
          orgName: p.org.name,
          stage: t(stateKey('Project', p.status), c.locale),
          since: (p.submittedAt ?? p.updatedAt).toISOString(),
          // a project in public notice is established once its notice has run (Art. 10)
          ...due(p.status === 'PUBLIC_NOTICE' ? (p.notices[0]?.endDate ?? null) : null, c.today),
          overdue: false,
          article: PROJECT_MACHINE.actions[action].article,
          link: projectLink(role(c), p.id),
        };
      }),
    };
  },
};

const projectReturned: TodoSource = {
  kind: 'projectReturned',
  applies: (actor) => actor.ability.can('submit', 'Project'),
  async load(c) {
    const where: Prisma.ProjectWhereInput = { AND: [{ status: 'RETURNED' }, allowedWhere(c.actor.ability, 'submit', 'Project'), projectSearch(c.q)] };
    const [total, rows] = await countThenLoad(
      c,
      () => c.tx.project.count({ where }),
      () => c.tx.project.findMany({ where, orderBy: { updatedAt: 'desc' }, take: c.take, select: projectSelect }),
    );
    return {
      total,
      items: rows.map((p) => ({
        id: `projectReturned:${p.id}`,
        kind: 'projectReturned',
        kindLabel: '',
        objectType: 'Project',
        objectId: p.id,
        objectName: `${p.code} ${p.name}`,
        title: t('todo.title.returned', c.locale),
        orgName: p.org.name,
        stage: t(stateKey('Project', p.status), c.locale),
        since: p.updatedAt.toISOString(),
        ...due(null, c.today),
        article: PROJECT_MACHINE.actions.submit.article,
        link: projectLink(role(c), p.id),
      })),
    };
  },
};

const ownerSelect = { id: true, code: true, name: true, jurisdiction: true, org: { select: { name: true } } } as const;

/**
 * The owners of the listed deadlines, each kind looked up only when one of them has it (an include of both relations
 * queries both tables and their organisations every time: four statements where most lists need two).
 */
async function deadlineOwners(c: SourceContext, rows: { projectId: string | null; migrationSystemId: string | null }[]) {
  const ids = (key: 'projectId' | 'migrationSystemId') => [...new Set(rows.flatMap((d) => (d[key] ? [d[key]] : [])))];
  const [projectIds, systemIds] = [ids('projectId'), ids('migrationSystemId')];
  const [projects, systems] = await Promise.all([
    projectIds.length ? c.tx.project.findMany({ where: { id: { in: projectIds } }, select: ownerSelect }) : [],
    systemIds.length ? c.tx.migrationSystem.findMany({ where: { id: { in: systemIds } }, select: ownerSelect }) : [],
  ]);
  return { projects: new Map(projects.map((o) => [o.id, o])), systems: new Map(systems.map((o) => [o.id, o])) };
}

function deadlineSearch(q?: string): Prisma.DeadlineWhereInput {
  if (!q) return {};
  return { OR: [{ title: { contains: q } }, { project: projectSearch(q) }, { migrationSystem: { OR: [{ code: { contains: q } }, { name: { contains: q } }, { org: { name: { contains: q } } }] } }] };
}

function deadlineSource(kind: 'deadline' | 'overdueDeadline'): TodoSource {
  const own = kind === 'deadline';
  return {
    kind,
    // a unit meets its own obligations; an authority follows up (催办) the overdue ones of its jurisdiction
    applies: (actor) => (own ? actor.ability.can('file', 'Project') : actor.ability.can('remind', 'Project')),
    async load(c) {
      const p = c.actor.principal!;
      // whose deadlines: the unit's own, or (to supervise) those of the jurisdiction's projects and systems. A deadline
      // has exactly one owner (the zy_one_owner trigger), so the supervised ones are counted per owner and added up:
      // an OR of the two relation filters joins every open deadline to both tables (~10 ms at 5,000 deadlines), one
      // owner at a time is a join on the owner's (jurisdiction, id) index (README, "Signed-in read paths")
      const owners: Prisma.DeadlineWhereInput[] = own
        ? [{ orgId: p.orgId }]
        : [
            { projectId: { not: null }, project: allowedWhere(c.actor.ability, 'remind', 'Project') },
            // the owner's key named: few deadlines are a system's, found by their index rather than a scan of all
            { migrationSystemId: { not: null }, migrationSystem: { jurisdiction: p.jurisdiction } },
          ];
      const whereOf = (owner: Prisma.DeadlineWhereInput): Prisma.DeadlineWhereInput => ({ AND: [owner, { metAt: null }, own ? {} : { dueDate: { lt: c.today } }, deadlineSearch(c.q)] });
      const where: Prisma.DeadlineWhereInput = owners.length === 1 ? whereOf(owners[0]!) : whereOf({ OR: owners });
      const [total, rows] = await countThenLoad(
        c,
        async () => (await Promise.all(owners.map((owner) => c.tx.deadline.count({ where: whereOf(owner) })))).reduce((n, k) => n + k, 0),
        () => c.tx.deadline.findMany({ where, orderBy: { dueDate: 'asc' }, take: c.take }),
      );
      const { projects, systems } = await deadlineOwners(c, rows);
      const items = rows
        .map((d): TodoItem | null => {
          const owner = d.projectId ? projects.get(d.projectId) : d.migrationSystemId ? systems.get(d.migrationSystemId) : undefined;
          if (!owner) return null;
          if (!own && !c.actor.ability.can('remind', subject('Project', { jurisdiction: owner.jurisdiction }))) return null;
          return {
            id: `${kind}:${d.id}`,
            kind,
            kindLabel: '',
            objectType: d.projectId ? 'Project' : 'MigrationSystem',
            objectId: owner.id,
            objectName: `${owner.code} ${owner.name}`,
            title: d.title,
            orgName: owner.org.name,
            stage: null,
            since: d.createdAt.toISOString(),
            ...due(d.dueDate, c.today),
            article: d.article,
            link: deadlineLink(role(c), d),
          };
        })
        .filter((i): i is TodoItem => i !== null);
      return { total, items };
    },
  };
}

const resourceRequest: TodoSource = {
  kind: 'resourceRequest',
  applies: (actor) => actor.ability.can('approve', 'ResourceRequest') || actor.ability.can('provision', 'ResourceRequest'),
  async load(c) {
    const may = (['approve', 'provision'] as const).filter((a) => c.actor.ability.can(a, 'ResourceRequest'));
    const where: Prisma.ResourceRequestWhereInput = {
      AND: [
        { OR: may.map((a) => allowedWhere(c.actor.ability, a, 'ResourceRequest')) },
        c.q ? { OR: [{ code: { contains: c.q } }, { projectId: { in: (await c.tx.project.findMany({ where: projectSearch(c.q), select: { id: true }, take: 1000 })).map((p) => p.id) } }] } : {},
      ],
    };
    const [total, rows] = await countThenLoad(
      c,
      () => c.tx.resourceRequest.count({ where }),
      () => c.tx.resourceRequest.findMany({ where, orderBy: { createdAt: 'asc' }, take: c.take }),
    );
    const projects = new Map(
      rows.length === 0
        ? []
        : (await c.tx.project.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } }, select: { id: true, name: true, org: { select: { name: true } } } })).map((p) => [p.id, p]),
    );
    return {
      total,
      items: rows.map((r) => ({
        id: `resourceRequest:${r.id}`,
        kind: 'resourceRequest',
        kindLabel: '',
        objectType: 'ResourceRequest',
        objectId: r.id,
        objectName: `${r.code} ${projects.get(r.projectId)?.name ?? ''}`.trim(),
        title: t(actionKey('ResourceRequest', r.status === 'SUBMITTED' ? 'approve' : 'provision'), c.locale),
        orgName: projects.get(r.projectId)?.org.name ?? null,
        stage: t(stateKey('ResourceRequest', r.status), c.locale),
        since: r.updatedAt.toISOString(),
        ...due(null, c.today),
        article: '第二十八条',
        link: requestLink(role(c), r.id, r.projectId),
      })),
    };
  },
};

const revision: TodoSource = {
  kind: 'revision',
  applies: (actor) => actor.ability.can('approve', 'CatalogRevision') || actor.ability.can('publish', 'CatalogRevision'),
  async load(c) {
    // the approving body the reader speaks for: a revision it approved in this round waits for the other, not for it
    const body = role(c) === 'FINANCE_REVIEWER' ? 'FINANCE' : 'GIA';
    const may = (['approve', 'publish'] as const).filter((a) => c.actor.ability.can(a, 'CatalogRevision'));
    const where: Prisma.CatalogRevisionWhereInput = {
      AND: [
        { OR: may.map((a) => allowedWhere(c.actor.ability, a, 'CatalogRevision')) },
        c.q ? { title: { contains: c.q } } : {},
      ],
    };
    // few at a time (one open revision): read whole, counted after the approving body's filter
    const rows = await c.tx.catalogRevision.findMany({ where, orderBy: { number: 'asc' }, take: 100, include: { reviews: { select: { body: true, round: true } } } });
    const waiting = rows.filter((r) => r.status !== 'SUBMITTED' || !r.reviews.some((v) => v.body === body && v.round === r.submitRound));
    return {
      total: waiting.length,
      items: waiting.slice(0, c.take).map((r) => ({
        id: `revision:${r.id}`,
        kind: 'revision',
        kindLabel: '',
        objectType: 'CatalogRevision',
        objectId: String(r.number),
        objectName: `第 ${r.number} 版 ${r.title}`,
        title: t(actionKey('CatalogRevision', r.status === 'SUBMITTED' ? 'approve' : 'publish'), c.locale),
        orgName: null,
        stage: t(stateKey('CatalogRevision', r.status), c.locale),
        since: (r.submittedAt ?? r.updatedAt).toISOString(),
        ...due(null, c.today),
        article: '第二十八条',
        link: revisionLink(role(c), r.number),
      })),
    };
  },
};

const spotCheck: TodoSource = {
  kind: 'spotCheck',
  applies: (actor) => actor.ability.can('record', 'SpotCheck'),
  async load(c) {
    const where: Prisma.SpotCheckWhereInput = allowedWhere(c.actor.ability, 'record', 'SpotCheck');
    const [total, rows] = await countThenLoad(
      c,
      () => c.tx.spotCheck.count({ where }),
      () => c.tx.spotCheck.findMany({ where, orderBy: { createdAt: 'asc' }, take: c.take, select: { id: true, year: true, status: true, sampleSize: true, createdAt: true } }),
    );
    return {
      total,
      items: rows.map((s) => ({
        id: `spotCheck:${s.id}`,
        kind: 'spotCheck',
        kindLabel: '',
        objectType: 'SpotCheck',
        objectId: s.id,
        objectName: t('todo.spotCheck.name', c.locale, { year: s.year, size: s.sampleSize }),
        title: t(actionKey('SpotCheck', 'record'), c.locale),
        orgName: null,
        stage: t(stateKey('SpotCheck', s.status), c.locale),
        since: s.createdAt.toISOString(),
        ...due(null, c.today),
        article: '第二十二条',
        link: `/evaluations/spot-checks/${s.id}`,
      })),
    };
  },
};

/** The organisation's pending answers to open migration survey campaigns, the earliest due first. */
const surveyResponse: TodoSource = {
  kind: 'surveyResponse',
  applies: (actor) => actor.ability.can('submit', 'SurveyResponse'),
  async load(c) {
    const where: Prisma.SurveyResponseWhereInput = {
      AND: [allowedWhere(c.actor.ability, 'submit', 'SurveyResponse'), { status: 'PENDING', campaign: { status: 'OPEN' } }, c.q ? { campaign: { title: { contains: c.q } } } : {}],
    };
    const [total, rows] = await countThenLoad(
      c,
      () => c.tx.surveyResponse.count({ where }),
      () =>
        c.tx.surveyResponse.findMany({
          where,
          orderBy: [{ campaign: { dueDate: 'asc' } }, { id: 'asc' }],
          take: c.take,
          select: { id: true, status: true, updatedAt: true, org: { select: { name: true } }, campaign: { select: { title: true, dueDate: true, createdAt: true } } },
        }),
    );
    return {
      total,
      items: rows.map((r) => ({
        id: `surveyResponse:${r.id}`,
        kind: 'surveyResponse',
        kindLabel: '',
        objectType: 'SurveyResponse',
        objectId: r.id,
        objectName: r.campaign.title,
        title: t('todo.title.survey', c.locale),
        orgName: r.org.name,
        stage: t(stateKey('SurveyResponse', r.status), c.locale),
        since: r.campaign.createdAt.toISOString(),
        ...due(r.campaign.dueDate, c.today),
        article: '第五条',
        link: surveyResponseLink(r.id),
      })),
    };
  },
};

export const TODO_SOURCES: readonly TodoSource[] = [projectStage, projectReturned, deadlineSource('deadline'), deadlineSource('overdueDeadline'), resourceRequest, revision, spotCheck, surveyResponse];

export const shanghaiToday = () => toShanghaiDate(new Date());
