// The refusals of separation of duties (./role-rules.ts holds the table): a role outside its kind of organisation
// (422 ROLE_NOT_VALID_FOR_ORG, at the field that was changed), an administrator role given or taken away (422
// ADMIN_ROLE_SEPARATED, 三员分立), and an organisation whose new kind or jurisdiction its accounts would not fit
// (409 ORG_MEMBERS_ROLE_CONFLICT).
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { Role } from '../core/db/generated/enums.js';
import { ConflictError, InvalidInputError } from '../core/errors.js';
import { registerMessages } from '../core/i18n.js';
import { isAdminRole, roleFitsOrg, ROLE_RULES, type OrgPlace } from './role-rules.js';
import { ALL_ROLES } from './vocabulary.js';
import { ORG_KIND_NAMES } from './vocabulary.js';
import './role-names.js';

registerMessages({
  ...Object.fromEntries(Object.entries(ORG_KIND_NAMES).map(([kind, name]) => [`orgKind.${kind}`, name])),
  ROLE_NOT_VALID_FOR_ORG: {
    'zh-CN': '职责分离：角色「{role}」不能设在{kind}「{org}」，该角色只属于相应类型和辖区的单位',
    en: 'Separation of duties: the role {role} is not valid in {org} ({kind}); each role belongs to its own kind of organisation and jurisdiction',
  },
  'field.role_not_valid_for_org': { 'zh-CN': '不适用于{kind}「{org}」', en: 'Not valid in {org} ({kind})' },
  'field.admin_role_separated': { 'zh-CN': '管理员角色不能授予其他账号，也不能改为其他角色', en: 'An administrator role is not given to another account, nor changed' },
  ADMIN_ROLE_SEPARATED: {
    'zh-CN': '三员分立：系统管理员、安全管理员、审计管理员各用专用账号，不能授予其他账号，也不能改为其他角色',
    en: 'Separated administrator duties: the system, security and audit administrator roles each have an account of their own; they are not given to another account, nor changed into another role',
  },
  ORG_MEMBERS_ROLE_CONFLICT: {
    'zh-CN': '职责分离：该单位有 {count} 个账号（如角色「{role}」）不适用于变更后的单位类型或辖区，请先调整或停用这些账号',
    en: 'Separation of duties: {count} account(s) of this organisation (such as role {role}) would not fit its new kind or jurisdiction; change or disable them first',
  },
});

/** 422 at `field` unless `role` is valid in `org` (role-rules.ts). */
export function assertRoleFitsOrg(role: Role, org: OrgPlace & { name: string }, field: 'role' | 'orgId'): void {
  if (roleFitsOrg(role, org)) return;
  const params = { role: `role.${role}`, kind: `orgKind.${org.kind}`, org: org.name };
  throw new InvalidInputError([{ path: field, code: 'field.role_not_valid_for_org', params }], 'ROLE_NOT_VALID_FOR_ORG', 422, params);
}

/** 三员分立: an existing account's role changes only from one business role to another. */
export function assertRoleChangeSeparated(from: Role, to: Role): void {
  if (from === to) return;
  if (isAdminRole(from) || isAdminRole(to)) throw new InvalidInputError([{ path: 'role', code: 'field.admin_role_separated' }], 'ADMIN_ROLE_SEPARATED', 422);
}

/** 409 when an organisation given a new kind or jurisdiction would hold accounts whose role no longer fits it. */
export async function assertMembersFit(tx: Pick<Tx, 'user'>, orgId: string, next: OrgPlace): Promise<void> {
  const members = await tx.user.groupBy({ by: ['role'], where: { orgId, disabled: false }, _count: { _all: true } });
  const misfits = members.filter((m) => !roleFitsOrg(m.role, next));
  if (!misfits.length) return;
  const count = misfits.reduce((n, m) => n + m._count._all, 0);
  throw new ConflictError('ORG_MEMBERS_ROLE_CONFLICT', { count, role: `role.${misfits[0]!.role}` });
}

/**
 * The accounts whose role does not fit their organisation (made before these rules): they can sign in but act as
 * nobody (core/access/abilities.ts) until an administrator moves them, gives them a fitting role or disables them.
 * The account list filters by it (GET /api/users?dutyConflict=true) and the platform counts them at start.
 */
export function dutyConflictWhere(): Prisma.UserWhereInput {
  return {
    OR: ALL_ROLES.map((role) => ({
      role,
      org: {
        NOT: {
          OR: ROLE_RULES[role].map((rule) => ({
            kind: { in: [...rule.kinds] },
            ...(rule.jurisdiction === 'CITY' ? { jurisdiction: 'CITY' } : rule.jurisdiction === 'COUNTY' ? { jurisdiction: { not: 'CITY' } } : {}),
          })),
        },
      },
    })),
  };
}

/** The enabled accounts in conflict, by username (the start-up report). */
export async function findDutyConflicts(tx: Pick<Tx, 'user'>): Promise<{ username: string; role: Role; org: string }[]> {
  const rows = await tx.user.findMany({ where: { AND: [dutyConflictWhere(), { disabled: false }] }, select: { username: true, role: true, org: { select: { code: true } } }, orderBy: { username: 'asc' } });
  return rows.map((u) => ({ username: u.username, role: u.role, org: u.org.code }));
}
