// Organisations: city departments, counties, GIA, Finance, the sub-center. Managed by the system administrator.
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database } from '../core/db/database.js';
import type { OrgKind } from '../core/db/generated/enums.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError } from '../core/errors.js';
import type { OrganisationView } from './account-schema.js';
import './audit-names.js';

export interface OrganisationInput {
  code: string;
  name: string;
  nameEn?: string | null;
  kind: OrgKind;
  active?: boolean;
}

const view = (o: { id: string; code: string; name: string; nameEn: string | null; kind: OrgKind; active: boolean; version: number }): OrganisationView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  nameEn: o.nameEn,
  kind: o.kind,
  active: o.active,
  version: o.version,
});

export function createOrganisationService({ db }: { db: Database }) {
  const { prisma } = db;

  /** `q`: the code or the name (Chinese or English) contains it. */
  async function list(actor: Actor, filter: { kind?: OrgKind; q?: string }) {
    assertCan(actor.ability, 'read', 'Organisation');
    const q = filter.q || undefined;
    const rows = await prisma.organisation.findMany({
      where: {
        AND: [
          readableWhere(actor.ability, 'Organisation'),
          filter.kind ? { kind: filter.kind } : {},
          q ? { OR: [{ code: { contains: q, mode: 'insensitive' as const } }, { name: { contains: q } }, { nameEn: { contains: q, mode: 'insensitive' as const } }] } : {},
        ],
      },
      orderBy: [{ kind: 'asc' }, { code: 'asc' }],
    });
    return rows.map(view);
  }

  async function get(actor: Actor, id: string) {
    assertCan(actor.ability, 'read', 'Organisation');
    return view(await prisma.organisation.findUniqueOrThrow({ where: { id } }));
  }

  async function create(actor: Actor, input: OrganisationInput) {
    assertCan(actor.ability, 'create', 'Organisation');
    return prisma.$transaction(async (tx) => {
      if (await tx.organisation.findUnique({ where: { code: input.code } })) throw new ConflictError('ALREADY_EXISTS', { what: 'orgCode' });
      const org = await tx.organisation.create({ data: input });
      await recordAudit(tx, actor.audit, { action: 'organisation.create', targetType: 'Organisation', targetId: org.id, detail: { ...input } });
      return view(org);
    });
  }

  async function update(actor: Actor, id: string, expectedVersion: number | undefined, input: Partial<Omit<OrganisationInput, 'code'>>) {
    assertCan(actor.ability, 'update', 'Organisation');
    return prisma.$transaction(async (tx) => {
      const found = await tx.organisation.findUnique({ where: { id } });
      assertVersion(found, expectedVersion, 'organisation');
      assertUpdated(await tx.organisation.updateMany({ where: { id, version: expectedVersion }, data: { ...input, version: { increment: 1 } } }));
      await recordAudit(tx, actor.audit, { action: 'organisation.update', targetType: 'Organisation', targetId: id, detail: { ...input } });
      return view(await tx.organisation.findUniqueOrThrow({ where: { id } }));
    });
  }

  return { list, get, create, update };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
