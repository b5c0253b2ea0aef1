// The names organisations go by besides their own (short name, aliases), kept by the system administrator, and the
// recognition of a written name against all of them (accounts/org-names.ts) for those who import city-wide sheets.
import { assertCan } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { InvalidInputError, NotFoundError } from '../core/errors.js';
import { createOrgMatcher, normaliseOrgName, type OrgMatcher, type Recognition } from './org-names.js';
import './audit-names.js';

export interface OrgAliasView {
  id: string;
  orgId: string;
  alias: string;
  createdAt: string;
}

/** A matcher over every active organisation, its short name and aliases, as the database holds them now. */
export async function loadOrgMatcher(db: Pick<Tx, 'organisation'>): Promise<OrgMatcher> {
  const orgs = await db.organisation.findMany({
    where: { active: true },
    select: { id: true, code: true, name: true, shortName: true, kind: true, jurisdiction: true, aliases: { select: { alias: true } } },
  });
  return createOrgMatcher(orgs.map((o) => ({ ...o, aliases: o.aliases.map((a) => a.alias) })));
}

/**
 * Refuses a name (short name or alias, at `field`) that would stand for another organisation than `orgId`, or that
 * has nothing left to compare once normalised: 409 NAME_TAKEN naming the organisation that holds it.
 */
export async function assertNameFree(tx: Tx, orgId: string | null, text: string, field: 'alias' | 'shortName') {
  if (!normaliseOrgName(text)) throw new InvalidInputError([{ path: field, code: 'field.org_name_empty' }]);
  const others = (await loadOrgMatcher(tx)).holdersOf(text).filter((o) => o.id !== orgId);
  if (others.length) throw new InvalidInputError([{ path: field, code: 'field.org_name_taken', params: { org: others[0]!.name } }], 'ORG_NAME_TAKEN', 409, { name: text, org: others[0]!.name });
}

const view = (a: { id: string; orgId: string; alias: string; createdAt: Date }): OrgAliasView => ({ id: a.id, orgId: a.orgId, alias: a.alias, createdAt: a.createdAt.toISOString() });

export function createOrgAliasService({ db }: { db: Database }) {
  const { prisma } = db;

  async function list(actor: Actor, orgId: string): Promise<OrgAliasView[]> {
    assertCan(actor.ability, 'read', 'Organisation');
    if (!(await prisma.organisation.findUnique({ where: { id: orgId }, select: { id: true } }))) throw new NotFoundError('organisation', orgId);
    const rows = await prisma.orgAlias.findMany({ where: { orgId }, orderBy: { createdAt: 'asc' } });
    return rows.map(view);
  }

  async function add(actor: Actor, orgId: string, alias: string): Promise<OrgAliasView> {
    assertCan(actor.ability, 'update', 'Organisation');
    return prisma.$transaction(async (tx) => {
      const org = await tx.organisation.findUnique({ where: { id: orgId }, select: { id: true } });
      if (!org) throw new NotFoundError('organisation', orgId);
      // one alias change at a time: two administrators adding clashing names cannot both pass the check
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('org-alias'))`;
      const normalised = normaliseOrgName(alias);
      await assertNameFree(tx, orgId, alias, 'alias');
      if (await tx.orgAlias.findUnique({ where: { normalised } })) throw new InvalidInputError([{ path: 'alias', code: 'field.org_alias_exists' }], 'ORG_ALIAS_EXISTS', 409, { name: alias });
      const row = await tx.orgAlias.create({ data: { orgId, alias, normalised, createdById: actor.principal?.id ?? null } });
      await recordAudit(tx, actor.audit, { action: 'organisation.alias.add', targetType: 'Organisation', targetId: orgId, detail: { alias } });
      return view(row);
    });
  }

  async function remove(actor: Actor, orgId: string, aliasId: string): Promise<void> {
    assertCan(actor.ability, 'update', 'Organisation');
    await prisma.$transaction(async (tx) => {
      const row = await tx.orgAlias.findFirst({ where: { id: aliasId, orgId } });
      if (!row) throw new NotFoundError('alias', aliasId);
      await tx.orgAlias.delete({ where: { id: aliasId } });
      await recordAudit(tx, actor.audit, { action: 'organisation.alias.remove', targetType: 'Organisation', targetId: orgId, detail: { alias: row.alias } });
    });
  }

  /** Which organisation a written name stands for, or the closest names. */
  async function recognise(actor: Actor, name: string): Promise<Recognition> {
    assertCan(actor.ability, 'recognise', 'Organisation');
    return (await loadOrgMatcher(prisma)).recognise(name);
  }

  return { list, add, remove, recognise };
}

export type OrgAliasService = ReturnType<typeof createOrgAliasService>;
