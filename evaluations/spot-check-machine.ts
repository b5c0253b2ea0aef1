// What each action of the spot-check machine (./spot-check-workflow.ts) does besides its state: recording a
// sampled self-evaluation's result, and refusing to close while an item has none.
import { readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { Guard, Machine } from '../core/workflow/runner.js';
import type { RecordResultInput } from './evaluation-schema.js';
import { SPOT_CHECK_MACHINE, type SpotCheckAction, type SpotCheckState } from './spot-check-workflow.js';
import './audit-names.js';

export type SpotCheckRecord = Prisma.SpotCheckGetPayload<object>;

export interface SpotCheckInputs extends Record<SpotCheckAction, unknown> {
  record: RecordResultInput;
  close: undefined;
}

/** The spot-check if the actor may read it; 404 otherwise. */
export async function findReadableSpotCheck(tx: Tx, actor: Actor, id: string): Promise<SpotCheckRecord> {
  const row = await tx.spotCheck.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'SpotCheck')] } });
  if (!row) throw new NotFoundError('spotCheck');
  return row;
}

/** Closed only once every sampled self-evaluation has its result (Art. 22). */
const everyItemRecorded: Guard<SpotCheckRecord, object> = {
  article: '第二十二条',
  async check({ tx, row }) {
    const open = await tx.spotCheckItem.count({ where: { spotCheckId: row.id, result: null } });
    return open ? new ConflictError('SPOT_CHECK_INCOMPLETE', { count: open }) : null;
  },
};

export const spotCheckMachine: Machine<SpotCheckState, SpotCheckAction, SpotCheckRecord, SpotCheckInputs, object, Prisma.SpotCheckUncheckedUpdateInput> = {
  table: SPOT_CHECK_MACHINE,
  auditPrefix: 'spot-check',
  store: {
    find: findReadableSpotCheck,
    async claim(tx, row, expected) {
      const { count } = await tx.spotCheck.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await tx.spotCheck.update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
    },
    auditTarget: (row) => ({ detail: { year: row.year } }),
  },
  handlers: {
    record: {
      async effect({ tx, actor, row, input }) {
        const item = await tx.spotCheckItem.findFirst({ where: { id: input.itemId, spotCheckId: row.id } });
        if (!item) throw new NotFoundError('spotCheckItem');
        await tx.spotCheckItem.update({
          where: { id: item.id },
          data: { result: input.result, findings: input.findings, recordedById: actor.principal!.id, recordedAt: new Date() },
        });
        return { detail: { itemId: item.id, projectId: item.projectId, filingId: item.filingId, result: input.result, ...(item.result ? { previous: item.result } : {}) } };
      },
    },
    close: {
      guards: [everyItemRecorded],
      effect: () => ({ data: { closedAt: new Date() } }),
    },
  },
};
