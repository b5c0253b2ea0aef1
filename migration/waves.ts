// Migration waves (迁移批次): the sub-center groups systems to move together between two dates.
import { assertCan } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { Prisma } from '../core/db/generated/client.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../core/errors.js';
import type { WaveView } from './view-schema.js';
import './audit-names.js';

export interface WaveInput {
  name: string;
  /** calendar dates in Asia/Shanghai, YYYY-MM-DD */
  startDate: string;
  endDate: string;
  description?: string;
}

type WaveRow = { id: string; name: string; startDate: string; endDate: string; description: string; version: number; createdAt: Date; updatedAt: Date };

export function toWaveView(w: WaveRow, counts: { systems: number; done: number }): WaveView {
  return {
    id: w.id,
    name: w.name,
    startDate: w.startDate,
    endDate: w.endDate,
    description: w.description,
    ...counts,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}
export type { WaveView };

function assertDates(w: { startDate: string; endDate: string }) {
  if (w.endDate < w.startDate) throw new InvalidInputError([{ path: 'endDate', code: 'migration.wave_dates', params: { startDate: w.startDate } }]);
}

export function createWaveService({ db }: { db: Database }) {
  const { prisma } = db;

  async function assertNameFree(tx: Tx, name: string, except?: string) {
    const other = await tx.migrationWave.findUnique({ where: { name }, select: { id: true } });
    if (other && other.id !== except) throw new ConflictError('ALREADY_EXISTS', { what: 'migrationWave' });
  }

  /** How many systems each wave holds and how many of those are done (counted in SQL). */
  async function countsOf(tx: Tx, waveIds?: string[]) {
    const rows = await tx.$queryRaw<{ waveId: string; systems: number; done: number }[]>`
      SELECT "waveId", count(*)::int AS systems, count(*) FILTER (WHERE status IN ('MIGRATED', 'DECOMMISSIONED'))::int AS done
      FROM migration_system WHERE "waveId" IS NOT NULL ${waveIds ? Prisma.sql`AND "waveId" = ANY(${waveIds}::uuid[])` : Prisma.empty} GROUP BY "waveId"`;
    const byWave = new Map(rows.map((c) => [c.waveId, c]));
    return (id: string) => ({ systems: byWave.get(id)?.systems ?? 0, done: byWave.get(id)?.done ?? 0 });
  }

  /** Waves by start date, with their counts. */
  async function list(actor: Actor) {
    assertCan(actor.ability, 'read', 'MigrationWave');
    const [waves, counts] = await Promise.all([prisma.migrationWave.findMany({ orderBy: [{ startDate: 'asc' }, { name: 'asc' }] }), countsOf(prisma)]);
    return { items: waves.map((w) => toWaveView(w, counts(w.id))) };
  }

  async function create(actor: Actor, input: WaveInput) {
    assertCan(actor.ability, 'create', 'MigrationWave');
    assertDates(input);
    const view = await prisma.$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const w = await tx.migrationWave.create({ data: { ...input, description: input.description ?? '' } });
      await recordAudit(tx, actor.audit, { action: 'migration.wave.create', targetType: 'MigrationWave', targetId: w.id, detail: { ...input } });
      return toWaveView(w, { systems: 0, done: 0 });
    });
    return view;
  }

  async function update(actor: Actor, id: string, expectedVersion: number | undefined, input: Partial<WaveInput>) {
    const view = await prisma.$transaction(async (tx) => {
      const w = await tx.migrationWave.findUnique({ where: { id } });
      if (!w) throw new NotFoundError('migrationWave');
      if (!actor.ability.can('update', 'MigrationWave')) throw new ForbiddenError('FORBIDDEN', { action: 'update' });
      assertVersion(w, expectedVersion, 'migrationWave');
      assertDates({ startDate: input.startDate ?? w.startDate, endDate: input.endDate ?? w.endDate });
      if (input.name !== undefined && input.name !== w.name) await assertNameFree(tx, input.name, id);
      assertUpdated(await tx.migrationWave.updateMany({ where: { id, version: expectedVersion }, data: { ...input, version: { increment: 1 } } }));
      await recordAudit(tx, actor.audit, { action: 'migration.wave.update', targetType: 'MigrationWave', targetId: id, detail: { fields: Object.keys(input), ...input } });
      return toWaveView(await tx.migrationWave.findUniqueOrThrow({ where: { id } }), (await countsOf(tx, [id]))(id));
    });
    return view;
  }

  return { list, create, update };
}

export type WaveService = ReturnType<typeof createWaveService>;
