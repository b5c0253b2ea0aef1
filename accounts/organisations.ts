// Organisations: city departments, counties, GIA, Finance, the sub-center. Managed by the system administrator.
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database } from '../core/db/database.js';
import type { OrgKind } from '../core/db/generated/enums.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError } from '../core/errors.js';
import type { OrganisationView } from './account-schema.js';
import { listJurisdictions, resolveJurisdiction } from './jurisdictions.js';
import { assertNameFree } from './org-aliases.js';
import { assertMembersFit } from './duty-checks.js';
import './audit-names.js';

export interface OrganisationInput {
  code: string;
  name: string;
  /** the official short name (规范简称); must not stand for another organisation (./org-aliases.ts) */
  shortName?: string | null;
  nameEn?: string | null;
  kind: OrgKind;
  /** 'CITY' or a county's code (./jurisdictions.ts); a county's own organisation always its own */
  jurisdiction?: string;
  active?: boolean;
}

const view = (o: { id: string; code: string; name: string; shortName: string | null; nameEn: string | null; kind: OrgKind; jurisdiction: string; active: boolean; version: number }): OrganisationView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  shortName: o.shortName,
  nameEn: o.nameEn,
  kind: o.kind,
  jurisdiction: o.jurisdiction,
  active: o.active,
  version: o.version,
});

export function createOrganisationService({ db }: { db: Database }) {
  const { prisma } = db;

  /** `q`: the code or the name (Chinese or English) contains it. */
  async function list(actor: Actor, filter: { kind?: OrgKind; jurisdiction?: string; q?: string }) {
    assertCan(actor.ability, 'read', 'Organisation');
    const q = filter.q || undefined;
    const rows = await prisma.organisation.findMany({
      where: {
        AND: [
          readableWhere(actor.ability, 'Organisation'),
          filter.kind ? { kind: filter.kind } : {},
          filter.jurisdiction ? { jurisdiction: filter.jurisdiction } : {},
          q ? { OR: [{ code: { contains: q, mode: 'insensitive' as const } }, { name: { contains: q } }, { shortName: { contains: q } }, { nameEn: { contains: q, mode: 'insensitive' as const } }] } : {},
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
    const created = await prisma.$transaction(async (tx) => {
      if (await tx.organisation.findUnique({ where: { code: input.code } })) throw new ConflictError('ALREADY_EXISTS', { what: 'orgCode' });
      const jurisdiction = await resolveJurisdiction(tx, input.kind, input.code, input.jurisdiction);
      if (input.shortName) await assertNameFree(tx, null, input.shortName, 'shortName');
      const org = await tx.organisation.create({ data: { ...input, jurisdiction } });
      await recordAudit(tx, actor.audit, { action: 'organisation.create', targetType: 'Organisation', targetId: org.id, detail: { ...input } });
      return view(org);
    });
    return created;
  }

  async function update(actor: Actor, id: string, expectedVersion: number | undefined, input: Partial<Omit<OrganisationInput, 'code'>>) {
    assertCan(actor.ability, 'update', 'Organisation');
    const updated = await prisma.$transaction(async (tx) => {
      const found = await tx.organisation.findUnique({ where: { id } });
      assertVersion(found, expectedVersion, 'organisation');
      const current = found!;
      const kind = input.kind ?? current.kind;
      if (current.kind === 'COUNTY' && kind !== 'COUNTY') {
        const members = await tx.organisation.count({ where: { jurisdiction: current.code, id: { not: id } } });
        if (members) throw new ConflictError('JURISDICTION_HAS_RECORDS', { count: members });
      }
      const jurisdiction = await resolveJurisdiction(tx, kind, current.code, input.jurisdiction ?? (kind === current.kind ? current.jurisdiction : undefined));
      if (input.shortName) await assertNameFree(tx, id, input.shortName, 'shortName');
      // separation of duties: its accounts' roles must still fit what it becomes (accounts/role-rules.ts)
      if (kind !== current.kind || jurisdiction !== current.jurisdiction) await assertMembersFit(tx, id, { kind, jurisdiction });
      assertUpdated(await tx.organisation.updateMany({ where: { id, version: expectedVersion }, data: { ...input, jurisdiction, version: { increment: 1 } } }));
      if (jurisdiction !== current.jurisdiction) {
        // what the organisation owns moves with it: its projects and legacy systems are decided by the new jurisdiction
        await tx.project.updateMany({ where: { orgId: id }, data: { jurisdiction } });
        await tx.migrationSystem.updateMany({ where: { orgId: id }, data: { jurisdiction } });
      }
      await recordAudit(tx, actor.audit, { action: 'organisation.update', targetType: 'Organisation', targetId: id, detail: { ...input } });
      return view(await tx.organisation.findUniqueOrThrow({ where: { id } }));
    });
    return updated;
  }

  /** The city and the counties, for every signed-in user (filters and the administrator's form). */
  const jurisdictions = () => listJurisdictions(prisma);

  return { list, get, create, update, jurisdictions };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
