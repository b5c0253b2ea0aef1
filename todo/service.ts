// The to-do centre (待办中心): what waits for the reader or their organisation, from every source at once, the
// most urgent first (overdue, then due soonest, then the newest); what the reader handled (已办), from the audit
// trail's record of their own changes; and the two numbers of the header badge.
import type { Actor } from '../core/actor.js';
import { toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import { auditActionLabel } from '../core/audit/labels.js';
import { nameTargets, type TargetNamers } from '../core/audit/targets.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import { MACHINES } from '../core/workflow/machines.js';
import { projectLink } from '../notifications/links.js';
import type { InboxService } from '../notifications/inbox.js';
import type { z } from '../core/zod-openapi.js';
import type { TodoItem, TodoKind, todoListSchema, todoQuerySchema } from './schema.js';
import { TODO_SOURCES } from './sources.js';
import { createReadCache, readerKey } from '../core/cache/read-cache.js';

type TodoFilter = Partial<z.infer<typeof todoQuerySchema>>;
type TodoList = z.infer<typeof todoListSchema>;

registerMessages({
  'todo.kind.projectStage': { 'zh-CN': '项目审批', en: 'Project decision' },
  'todo.kind.projectReturned': { 'zh-CN': '退回修改', en: 'Returned project' },
  'todo.kind.deadline': { 'zh-CN': '限期事项', en: 'Obligation due' },
  'todo.kind.overdueDeadline': { 'zh-CN': '逾期督办', en: 'Overdue to follow up' },
  'todo.kind.resourceRequest': { 'zh-CN': '资源申请', en: 'Resource request' },
  'todo.kind.revision': { 'zh-CN': '目录修订', en: 'Catalog revision' },
  'todo.kind.spotCheck': { 'zh-CN': '自评价抽查', en: 'Self-evaluation spot-check' },
  'todo.kind.surveyResponse': { 'zh-CN': '迁移摸底填报', en: 'Migration survey to answer' },
  'todo.title.returned': { 'zh-CN': '按退回意见修改后重新提交', en: 'Change as asked and submit again' },
  'todo.title.survey': { 'zh-CN': '确认本单位系统目录并报送', en: "Confirm your organisation's systems and submit" },
  'todo.spotCheck.name': { 'zh-CN': '{year} 年度绩效自评价抽查（{size} 个项目）', en: '{year} self-evaluation spot-check ({size} projects)' },
});

/** the state machines' objects: what the reader changed of them is what they handled */
const HANDLED_TYPES = [...new Set(MACHINES.map((m) => m.subject))];

export interface TodoDeps {
  db: Database;
  inbox: InboxService;
  targets: TargetNamers;
  today?: () => LocalDate;
}

function urgency(a: TodoItem, b: TodoItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.daysLeft !== null || b.daysLeft !== null) {
    if (a.daysLeft === null) return 1;
    if (b.daysLeft === null) return -1;
    if (a.daysLeft !== b.daysLeft) return a.daysLeft - b.daysLeft;
  }
  return b.since.localeCompare(a.since);
}

export function createTodoService({ db, inbox, targets, today = () => toShanghaiDate(new Date()) }: TodoDeps) {
  const { prisma } = db;

  // by reader (their rights), language, day and query; kept while nothing is written (core/cache/read-cache.ts)
  const lists = createReadCache<TodoList>();

  /**
   * The `limit` most urgent matters (of `kind`, matching `q`), and the exact count of each kind. Plain reads on the
   * pool, not a transaction: fifty open consoles must not queue for transactions (a matter that changes between two
   * of the reads is shown as it is in each). The same object is returned while nothing is written: not to be changed.
   */
  function list(actor: Actor, locale: Locale, filter: TodoFilter = {}): Promise<TodoList> {
    const now = today();
    const key = readerKey(actor, locale, now, filter.kind ?? '', filter.q ?? '', filter.limit ?? 50);
    return lists.get(key, () => compute(actor, locale, now, filter));
  }

  async function compute(actor: Actor, locale: Locale, now: LocalDate, filter: TodoFilter): Promise<TodoList> {
    const sources = TODO_SOURCES.filter((s) => s.applies(actor));
    const limit = filter.limit ?? 50;
    const loaded = await Promise.all(sources.map((s) => s.load({ tx: prisma, actor, today: now, locale, q: filter.q, take: filter.kind && filter.kind !== s.kind ? 0 : limit })));
    const counts: Partial<Record<TodoKind, number>> = {};
    const items: TodoItem[] = [];
    sources.forEach((s, i) => {
      counts[s.kind] = loaded[i]!.total;
      if (filter.kind && filter.kind !== s.kind) return;
      const kindLabel = t(`todo.kind.${s.kind}`, locale);
      for (const item of loaded[i]!.items) items.push({ ...item, kindLabel });
    });
    items.sort(urgency);
    items.splice(limit);
    const total = filter.kind ? (counts[filter.kind] ?? 0) : Object.values(counts).reduce((n, c) => n + (c ?? 0), 0);
    const kinds = sources.map((s) => ({ kind: s.kind, label: t(`todo.kind.${s.kind}`, locale), count: counts[s.kind] ?? 0 }));
    return { items, total, counts, kinds };
  }

  /** the badge: how many matters wait, and how many notifications are unread */
  async function counts(actor: Actor) {
    const [{ total }, unread] = await Promise.all([list(actor, 'zh-CN', { limit: 0 }), inbox.unreadCount(actor)]);
    return { todo: total, unread };
  }

  /** what the reader handled: their own successful changes of the machines' objects, newest first */
  async function done(actor: Actor, page: number, pageSize: number, locale: Locale) {
    const where = { actorId: actor.principal!.id, outcome: 'SUCCESS' as const, targetType: { in: HANDLED_TYPES } };
    const [total, rows] = await Promise.all([
      prisma.auditEvent.count({ where }),
      prisma.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, skip: (page - 1) * pageSize, take: pageSize, select: { at: true, action: true, targetType: true, targetId: true } }),
    ]);
    const names = await nameTargets(prisma, targets, rows, locale);
    const role = actor.principal!.role;
    return {
      total,
      page,
      pageSize,
      items: rows.map((r) => ({
        at: r.at.toISOString(),
        action: r.action,
        actionLabel: auditActionLabel(r.action, locale),
        objectType: r.targetType,
        objectId: r.targetId,
        objectName: names.get(`${r.targetType}:${r.targetId}`) ?? null,
        link: r.targetType === 'Project' && r.targetId ? projectLink(role, r.targetId) : null,
      })),
    };
  }

  return { list, counts, done };
}

export type TodoService = ReturnType<typeof createTodoService>;
