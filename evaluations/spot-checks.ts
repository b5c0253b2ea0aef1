// Finance's spot-checks of the units' self-evaluations (Art. 22): a reproducible random sample of the year's
// submitted self-evaluations, a result for each sampled one, closed once all have one. The draw is recorded with
// its audit record in one transaction; the results and the closing go through the runner (./spot-check-machine.ts).
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { InvalidInputError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { createRunner } from '../core/workflow/runner.js';
import type { DrawInput, RecordResultInput, SpotCheckSummary, SpotCheckView } from './evaluation-schema.js';
import { drawPositions, newSeed, sampleSizeFor } from './sampling.js';
import { spotCheckMachine, type SpotCheckRecord } from './spot-check-machine.js';
import type { SpotCheckResult, SpotCheckState } from './spot-check-workflow.js';

/** The population of a draw: each project's latest SELF_EVALUATION filing for `year`, by filing id. */
export async function selfEvaluationsOf(tx: Tx, actor: Actor, year: number) {
  const filings = await tx.filing.findMany({
    where: { kind: 'SELF_EVALUATION', data: { path: ['year'], equals: year }, project: readableWhere(actor.ability, 'Project') },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, projectId: true, project: { select: { orgId: true } } },
  });
  const latest = new Map<string, (typeof filings)[number]>();
  for (const f of filings) if (!latest.has(f.projectId)) latest.set(f.projectId, f);
  return [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type WithItems = SpotCheckRecord & { items: { result: string | null }[] };
function summaryOf(s: WithItems): SpotCheckSummary {
  return {
    id: s.id,
    year: s.year,
    status: s.status as SpotCheckState,
    seed: s.seed,
    populationCount: s.populationCount,
    sampleSize: s.sampleSize,
    note: s.note,
    recorded: s.items.filter((i) => i.result).length,
    unqualified: s.items.filter((i) => i.result === 'UNQUALIFIED').length,
    createdAt: s.createdAt.toISOString(),
    closedAt: iso(s.closedAt),
    version: s.version,
  };
}

async function load(tx: Tx, id: string): Promise<Omit<SpotCheckView, 'allowedActions'>> {
  const s = await tx.spotCheck.findUniqueOrThrow({ where: { id }, include: { items: { orderBy: { position: 'asc' } } } });
  const filings = await tx.filing.findMany({
    where: { id: { in: s.items.map((i) => i.filingId) } },
    select: { id: true, data: true, createdAt: true, project: { select: { id: true, code: true, name: true, org: { select: { name: true } } } } },
  });
  const byId = new Map(filings.map((f) => [f.id, f]));
  return {
    ...summaryOf(s),
    items: s.items.map((i) => {
      const f = byId.get(i.filingId)!;
      const data = f.data as { summary?: string; selfScore?: number };
      return {
        id: i.id,
        position: i.position,
        filingId: i.filingId,
        filedAt: f.createdAt.toISOString(),
        selfScore: data.selfScore ?? null,
        summary: data.summary ?? '',
        project: { id: f.project.id, code: f.project.code, name: f.project.name, orgName: f.project.org.name },
        result: i.result as SpotCheckResult | null,
        findings: i.findings,
        recordedAt: iso(i.recordedAt),
      };
    }),
  };
}

export function createSpotCheckService({ db }: { db: Database }) {
  const { prisma } = db;
  const runner = createRunner(spotCheckMachine, { db, env: () => ({}) });

  const get = (actor: Actor, id: string, locale: Locale) => runner.present(actor, id, locale, (tx) => load(tx, id));

  async function list(actor: Actor, filter: { year?: number; status?: SpotCheckState } = {}, max = 500) {
    const rows = await prisma.spotCheck.findMany({
      where: { AND: [readableWhere(actor.ability, 'SpotCheck'), filter.year ? { year: filter.year } : {}, filter.status ? { status: filter.status } : {}] },
      include: { items: { select: { result: true } } },
      orderBy: [{ createdAt: 'desc' }],
      take: max,
    });
    return { items: rows.map(summaryOf) };
  }

  /** Draws the sample and records it with its audit record, in one transaction. */
  async function draw(actor: Actor, input: DrawInput, locale: Locale) {
    assertCan(actor.ability, 'create', 'SpotCheck');
    if ((input.size === undefined) === (input.percent === undefined)) {
      throw new InvalidInputError([{ path: input.size === undefined ? 'size' : 'percent', code: 'SPOT_CHECK_SIZE_OR_PERCENT' }], 'VALIDATION_FAILED', 422);
    }
    const id = await prisma.$transaction(async (tx) => {
      const population = await selfEvaluationsOf(tx, actor, input.year);
      if (!population.length) throw new InvalidInputError([{ path: 'year', code: 'SPOT_CHECK_NO_SELF_EVALUATIONS', params: { year: input.year } }], 'VALIDATION_FAILED', 422);
      const seed = newSeed();
      const size = sampleSizeFor(population.length, input);
      const positions = drawPositions(seed, population.length, size);
      const s = await tx.spotCheck.create({
        data: {
          year: input.year,
          jurisdiction: actor.principal!.jurisdiction,
          seed,
          populationCount: population.length,
          sampleSize: size,
          requestedSize: input.size ?? null,
          requestedPercent: input.percent ?? null,
          note: input.note ?? null,
          createdById: actor.principal!.id,
          items: {
            create: positions.map((p, position) => ({ position, filingId: population[p]!.id, projectId: population[p]!.projectId, orgId: population[p]!.project.orgId })),
          },
        },
      });
      await recordAudit(tx, actor.audit, {
        action: 'spot-check.draw',
        outcome: 'SUCCESS',
        targetType: 'SpotCheck',
        targetId: s.id,
        detail: { year: input.year, seed, populationCount: population.length, sampleSize: size, filingIds: positions.map((p) => population[p]!.id) },
      });
      return s.id;
    });
    return get(actor, id, locale);
  }

  async function record(actor: Actor, id: string, expectedVersion: number | undefined, input: RecordResultInput, locale: Locale) {
    await runner.run(actor, 'record', id, { expectedVersion, input, locale });
    return get(actor, id, locale);
  }

  async function close(actor: Actor, id: string, expectedVersion: number | undefined, locale: Locale) {
    await runner.run(actor, 'close', id, { expectedVersion, input: undefined, locale });
    return get(actor, id, locale);
  }

  /** The sampled items of one spot-check, for its export. */
  async function items(actor: Actor, id: string, locale: Locale) {
    return (await get(actor, id, locale)).items;
  }

  return { list, get, draw, record, close, items };
}

export type SpotCheckService = ReturnType<typeof createSpotCheckService>;
