// What the actions of the two assessment machines (assessments/workflow.ts) need and do; the runner
// (core/workflow/runner.ts) checks and writes. Confirming freezes the figures computed from the platform.
import { readableWhere, type SubjectName } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.js';
import type { Guard, Machine, Store } from '../core/workflow/runner.js';
import { countyIndicators } from './county-scorecard.js';
import { platformRecord } from './evidence.js';
import type { ManualItem } from './schemas.js';
import { COUNTY_ASSESSMENT_MACHINE, ORG_ASSESSMENT_MACHINE, type AssessmentAction, type AssessmentState, type Grade } from './workflow.js';
import './audit-names.js';

export interface AssessmentEnv {
  today: LocalDate;
}

export type OrgAssessmentRow = Prisma.OrgAssessmentGetPayload<object>;
export type CountyAssessmentRow = Prisma.CountyAssessmentGetPayload<object>;

export interface OrgAssessmentInputs extends Record<AssessmentAction, unknown> {
  update: { score?: number | null; grade?: Grade | null; findings?: string };
  confirm: undefined;
}
export interface CountyAssessmentInputs extends Record<AssessmentAction, unknown> {
  update: { manualItems?: ManualItem[]; grade?: Grade | null; findings?: string };
  confirm: undefined;
}

/** The few calls the store makes on either table. */
interface Delegate<Row> {
  findFirst(args: { where: object }): Promise<Row | null>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  update(args: { where: { id: string }; data: object }): Promise<unknown>;
}

/** Reads and writes one of the assessment tables; an assessment the actor may not read is not found. */
function assessmentStore<Row extends { id: string; status: string; version: number }, Data extends object>(
  subject: Exclude<SubjectName, 'all'>,
  table: (tx: Tx) => Delegate<Row>,
): Store<AssessmentState, Row, Data> {
  return {
    async find(tx, actor, id) {
      const row = await table(tx).findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, subject)] } });
      if (!row) throw new NotFoundError('assessment');
      return row;
    },
    async claim(tx, row, expected) {
      return (await table(tx).updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } })).count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await table(tx).update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
    },
  };
}

/** A department's evidence for the year, as the platform shows it today. */
export const orgEvidence = (tx: Tx, row: Pick<OrgAssessmentRow, 'orgId' | 'year'>, today: LocalDate) => platformRecord(tx, [row.orgId], row.year, today);

/** GIA confirms a score and a grade (Art. 25). */
const scored: Guard<OrgAssessmentRow, AssessmentEnv> = {
  article: '第二十五条',
  check: ({ row }) => (row.score === null || row.grade === null ? new ConflictError('ASSESSMENT_INCOMPLETE', { article: '第二十五条' }) : null),
};
/** The county's grade is given before it is confirmed (Art. 40). */
const graded: Guard<CountyAssessmentRow, AssessmentEnv> = {
  article: '第四十条',
  check: ({ row }) => (row.grade === null ? new ConflictError('ASSESSMENT_INCOMPLETE', { article: '第四十条' }) : null),
};

const confirmedBy = (actor: Actor) => ({ confirmedAt: new Date(), confirmedById: actor.principal!.id });

export const orgAssessmentMachine: Machine<AssessmentState, AssessmentAction, OrgAssessmentRow, OrgAssessmentInputs, AssessmentEnv, Prisma.OrgAssessmentUncheckedUpdateInput> = {
  table: ORG_ASSESSMENT_MACHINE,
  auditPrefix: 'assessment.org',
  // the assessed organisation does not confirm its own assessment (separation of duties)
  store: { ...assessmentStore('OrgAssessment', (tx) => tx.orgAssessment as unknown as Delegate<OrgAssessmentRow>), owners: (_tx, row) => [row.orgId] },
  handlers: {
    update: { effect: ({ input }) => ({ data: input, detail: input }) },
    confirm: {
      guards: [scored],
      async effect({ tx, actor, row, env }) {
        const evidence = await orgEvidence(tx, row, env.today);
        return { data: { evidence: evidence as unknown as Prisma.InputJsonValue, ...confirmedBy(actor) }, detail: { score: row.score, grade: row.grade } };
      },
    },
  },
};

/** The county's indicators for the year, as the platform shows them today. */
export const liveIndicators = (tx: Tx, row: Pick<CountyAssessmentRow, 'county' | 'year'>, today: LocalDate) => countyIndicators(tx, row.county, row.year, today);

export const sumOf = (items: ManualItem[], key: 'score' | 'max') => items.reduce((n, i) => n + i[key], 0);

export const countyAssessmentMachine: Machine<AssessmentState, AssessmentAction, CountyAssessmentRow, CountyAssessmentInputs, AssessmentEnv, Prisma.CountyAssessmentUncheckedUpdateInput> = {
  table: COUNTY_ASSESSMENT_MACHINE,
  auditPrefix: 'assessment.county',
  store: { ...assessmentStore('CountyAssessment', (tx) => tx.countyAssessment as unknown as Delegate<CountyAssessmentRow>), owners: (_tx, row) => [row.countyOrgId] },
  handlers: {
    update: {
      checkInput(input) {
        const over = (input.manualItems ?? []).flatMap((item, i) => (item.score > item.max ? [{ path: `manualItems.${i}.score`, code: 'field.too_big', params: { maximum: String(item.max) } }] : []));
        if (over.length) throw new InvalidInputError(over);
      },
      effect: ({ input }) => {
        const { manualItems, ...rest } = input;
        const items = manualItems ? { manualItems: manualItems as unknown as Prisma.InputJsonValue, total: sumOf(manualItems, 'score') } : {};
        return { data: { ...rest, ...items }, detail: { ...input } };
      },
    },
    confirm: {
      guards: [graded],
      async effect({ tx, actor, row, env }) {
        const indicators = await liveIndicators(tx, row, env.today);
        return { data: { indicators: indicators as unknown as Prisma.InputJsonValue, ...confirmedBy(actor) }, detail: { total: Number(row.total), grade: row.grade } };
      },
    },
  },
};
