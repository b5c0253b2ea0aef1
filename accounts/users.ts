// User accounts. The system administrator creates business accounts and keeps their profile, organisation and
// state; the security administrator assigns roles, unlocks and resets passwords; the auditor reads. Which fields each
// may see or change is in core/access/abilities.ts; whichever administrator acts, a role and an organisation must fit
// each other and administrator roles stay separate (./role-rules.ts, ./duty-checks.ts).
import { assertCan, assertFieldsPermitted, pickReadable, readableWhere, subject, type AppAbility } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { Role } from '../core/db/generated/enums.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { assertRoleChangeSeparated, assertRoleFitsOrg, dutyConflictWhere } from './duty-checks.js';
import type { UserView } from './account-schema.js';
import type { SessionCache } from './session-cache.js';
import './audit-names.js';

export interface UserCreateInput {
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  email?: string | null;
  phone?: string | null;
  password: string;
}

export interface UserUpdateInput {
  displayName?: string;
  orgId?: string;
  email?: string | null;
  phone?: string | null;
  disabled?: boolean;
  role?: Role;
}

const select = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  orgId: true,
  org: { select: { code: true, name: true, kind: true } },
  disabled: true,
  email: true,
  phone: true,
  failedLogins: true,
  lockedUntil: true,
  lastLoginAt: true,
  passwordChangedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
} as const;

type UserRow = Prisma.UserGetPayload<{ select: typeof select }>;

/** The account as the actor may read it: the public fields for everyone who may read accounts, the rest as permitted. */
function toUserView(ability: AppAbility, u: UserRow): UserView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const view = {
    ...u,
    lockedUntil: iso(u.lockedUntil),
    lastLoginAt: iso(u.lastLoginAt),
    passwordChangedAt: iso(u.passwordChangedAt),
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  } satisfies Required<UserView>;
  // every rule that lets a role read accounts names the public fields (core/access/abilities.ts)
  return pickReadable(ability, 'User', view) as UserView;
}

export function createUserService({ db, sessions }: { db: Database; sessions?: SessionCache<unknown> }) {
  const { prisma } = db;

  /** `q`: the username, the name or the organisation contains it. */
  async function list(actor: Actor, filter: { orgId?: string; role?: Role; q?: string; dutyConflict?: 'true' | 'false'; page: number; pageSize: number }) {
    assertCan(actor.ability, 'read', 'User');
    const where = {
      AND: [
        readableWhere(actor.ability, 'User'),
        filter.orgId ? { orgId: filter.orgId } : {},
        filter.role ? { role: filter.role } : {},
        filter.dutyConflict === 'true' ? dutyConflictWhere() : filter.dutyConflict === 'false' ? { NOT: dutyConflictWhere() } : {},
        filter.q ? { OR: [{ username: { contains: filter.q, mode: 'insensitive' as const } }, { displayName: { contains: filter.q } }, { org: { name: { contains: filter.q } } }] } : {},
      ],
    };
    const [total, rows] = await Promise.all([
      prisma.user.count({ where }),
      prisma.user.findMany({ where, select, orderBy: { username: 'asc' }, skip: (filter.page - 1) * filter.pageSize, take: filter.pageSize }),
    ]);
    return { total, page: filter.page, pageSize: filter.pageSize, items: rows.map((u) => toUserView(actor.ability, u)) };
  }

  async function get(actor: Actor, id: string) {
    const u = await prisma.user.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'User')] }, select });
    if (!u) throw new NotFoundError('user');
    return toUserView(actor.ability, u);
  }

  async function create(actor: Actor, input: UserCreateInput) {
    assertCan(actor.ability, 'create', subject('User', { role: input.role }));
    assertPasswordPolicy(input.password, input.username);
    // the role must fit the organisation (separation of duties): refused before the password is hashed
    const org = await prisma.organisation.findUnique({ where: { id: input.orgId } });
    if (!org) throw new NotFoundError('organisation');
    assertRoleFitsOrg(input.role, org, 'role');
    const passwordHash = await hashPassword(input.password);
    return prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { username: input.username } })) throw new ConflictError('ALREADY_EXISTS', { what: 'username' });
      // checked again as the organisation is now (its kind may have changed while the password was hashed)
      const now = await tx.organisation.findUnique({ where: { id: input.orgId } });
      if (!now) throw new NotFoundError('organisation');
      assertRoleFitsOrg(input.role, now, 'role');
      const { password: _omit, ...data } = input;
      const u = await tx.user.create({ data: { ...data, passwordHash }, select });
      await recordAudit(tx, actor.audit, {
        action: 'user.create',
        targetType: 'User',
        targetId: u.id,
        detail: { username: u.username, role: u.role, orgId: u.orgId },
      });
      return toUserView(actor.ability, u);
    });
  }

  async function update(actor: Actor, id: string, expectedVersion: number | undefined, input: UserUpdateInput) {
    return prisma.$transaction(async (tx) => {
      assertCan(actor.ability, 'update', 'User');
      const current = await tx.user.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'User')] }, select });
      if (!current) throw new NotFoundError('user');
      assertCan(actor.ability, 'update', subject('User', current));
      assertFieldsPermitted(actor.ability, 'update', subject('User', current), input as Record<string, unknown>);
      assertVersion(current, expectedVersion, 'user');
      if (input.role !== undefined) assertRoleChangeSeparated(current.role, input.role);
      const role = input.role ?? current.role;
      const orgId = input.orgId ?? current.orgId;
      const org = await tx.organisation.findUnique({ where: { id: orgId } });
      if (!org) throw new NotFoundError('organisation');
      // the account as it will be must fit its organisation: when its role or organisation changes, or it is enabled
      // again (an account made before these rules is put right, or stays disabled)
      const roleChanged = role !== current.role;
      if (roleChanged || orgId !== current.orgId || (current.disabled && input.disabled === false)) assertRoleFitsOrg(role, org, roleChanged ? 'role' : 'orgId');
      assertUpdated(await tx.user.updateMany({ where: { id, version: expectedVersion }, data: { ...input, version: { increment: 1 } } }));
      // a role change or a disabled account takes effect at once: its sessions end
      if (input.role !== undefined || input.disabled) {
        await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
        sessions?.evictUser(id);
      }
      await recordAudit(tx, actor.audit, {
        action: input.role !== undefined ? 'user.role.change' : 'user.update',
        targetType: 'User',
        targetId: id,
        detail: { ...input, previousRole: input.role !== undefined ? current!.role : undefined },
      });
      return toUserView(actor.ability, await tx.user.findUniqueOrThrow({ where: { id }, select }));
    });
  }

  async function unlock(actor: Actor, id: string) {
    assertCan(actor.ability, 'unlock', 'User');
    return prisma.$transaction(async (tx) => {
      const current = await tx.user.findUnique({ where: { id }, select });
      if (!current) throw new NotFoundError('user');
      assertCan(actor.ability, 'unlock', subject('User', current));
      await tx.user.update({ where: { id }, data: { failedLogins: 0, lockedUntil: null, version: { increment: 1 } } });
      await recordAudit(tx, actor.audit, { action: 'user.unlock', targetType: 'User', targetId: id });
      return toUserView(actor.ability, await tx.user.findUniqueOrThrow({ where: { id }, select }));
    });
  }

  async function resetPassword(actor: Actor, id: string, password: string) {
    assertCan(actor.ability, 'resetPassword', 'User');
    const current = await prisma.user.findUnique({ where: { id }, select });
    if (!current) throw new NotFoundError('user');
    assertCan(actor.ability, 'resetPassword', subject('User', current));
    assertPasswordPolicy(password, current.username);
    const passwordHash = await hashPassword(password);
    await prisma.$transaction(async (tx) => {
      await tx.user.update({
        where: { id },
        data: { passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null, version: { increment: 1 } },
      });
      await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      sessions?.evictUser(id);
      await recordAudit(tx, actor.audit, { action: 'user.password.reset', targetType: 'User', targetId: id });
    });
  }

  return { list, get, create, update, unlock, resetPassword };
}

export type UserService = ReturnType<typeof createUserService>;
