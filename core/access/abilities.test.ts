import { describe, expect, it } from 'vitest';
import { assertFieldsPermitted, defineAbilitiesFor, pickReadable, subject, type Principal } from './abilities.js';
import type { Role } from '../../accounts/vocabulary.js';

const who = (role: Role, id = 'u1'): Principal => ({ id, username: role.toLowerCase(), role, orgId: 'o1', jurisdiction: 'CITY' });
const rev = (status: string) => subject('CatalogRevision', { status });

describe('catalog revision abilities', () => {
  it('lets the public read only published revisions', () => {
    const a = defineAbilitiesFor(null);
    expect(a.can('read', rev('PUBLISHED'))).toBe(true);
    expect(a.can('read', rev('DRAFT'))).toBe(false);
    expect(a.can('create', 'CatalogRevision')).toBe(false);
  });

  it.each<[Role, string, string, boolean]>([
    ['BDC_OPERATOR', 'update', 'DRAFT', true],
    ['BDC_OPERATOR', 'update', 'SUBMITTED', false],
    ['BDC_OPERATOR', 'approve', 'SUBMITTED', false],
    ['GIA_REVIEWER', 'approve', 'SUBMITTED', true],
    ['GIA_REVIEWER', 'read', 'DRAFT', false],
    ['GIA_REVIEWER', 'publish', 'APPROVED', true],
    ['FINANCE_REVIEWER', 'approve', 'SUBMITTED', true],
    ['FINANCE_REVIEWER', 'publish', 'APPROVED', false],
    ['AUDITOR', 'read', 'DRAFT', true],
    ['AUDITOR', 'update', 'DRAFT', false],
    ['SYSADMIN', 'approve', 'SUBMITTED', false],
    ['DEPT_USER', 'read', 'SUBMITTED', false],
  ])('%s %s on a %s revision: %s', (role, action, status, allowed) => {
    expect(defineAbilitiesFor(who(role)).can(action as never, rev(status))).toBe(allowed);
  });
});

describe('separated administrator duties', () => {
  it('lets the system administrator create business accounts but not administrators', () => {
    const a = defineAbilitiesFor(who('SYSADMIN'));
    expect(a.can('create', subject('User', { role: 'DEPT_USER' }))).toBe(true);
    expect(a.can('create', subject('User', { role: 'SECADMIN' }))).toBe(false);
  });

  it('limits which fields each administrator may change', () => {
    const target = subject('User', { id: 'u2', role: 'DEPT_USER' });
    expect(() => assertFieldsPermitted(defineAbilitiesFor(who('SYSADMIN')), 'update', target, { displayName: 'x' })).not.toThrow();
    expect(() => assertFieldsPermitted(defineAbilitiesFor(who('SYSADMIN')), 'update', target, { role: 'GIA_REVIEWER' })).toThrow();
    expect(() => assertFieldsPermitted(defineAbilitiesFor(who('SECADMIN')), 'update', target, { role: 'GIA_REVIEWER' })).not.toThrow();
    expect(() => assertFieldsPermitted(defineAbilitiesFor(who('SECADMIN')), 'update', target, { displayName: 'x' })).toThrow();
  });

  it('does not let the security administrator change their own account', () => {
    const a = defineAbilitiesFor(who('SECADMIN', 'me'));
    expect(a.can('update', subject('User', { id: 'me', role: 'SECADMIN' }))).toBe(false);
    expect(a.can('update', subject('User', { id: 'other', role: 'DEPT_USER' }))).toBe(true);
  });

  it('gives an account whose role does not fit its organisation nothing beyond its own account (separation of duties)', () => {
    const project = subject('Project', { orgId: 'o2', jurisdiction: 'CITY', status: 'GIA_REVIEW' });
    expect(defineAbilitiesFor({ ...who('GIA_REVIEWER'), orgKind: 'GIA' }).can('review', project)).toBe(true);
    const misfit = defineAbilitiesFor({ ...who('GIA_REVIEWER'), orgKind: 'DEPARTMENT' });
    expect(misfit.can('review', project)).toBe(false);
    expect(misfit.can('read', 'Project')).toBe(false);
    expect(misfit.can('read', subject('User', { id: 'u1' }))).toBe(true);
  });

  it('lets the security administrator reset business passwords only, never another administrator’s', () => {
    const a = defineAbilitiesFor(who('SECADMIN'));
    expect(a.can('resetPassword', subject('User', { id: 'u2', role: 'DEPT_USER' }))).toBe(true);
    for (const role of ['SYSADMIN', 'AUDITOR'] as const) expect(a.can('resetPassword', subject('User', { id: 'u2', role }))).toBe(false);
  });

  it('gives the auditor read and verify, nothing else', () => {
    const a = defineAbilitiesFor(who('AUDITOR'));
    expect(a.can('verify', 'AuditEvent')).toBe(true);
    expect(a.can('read', 'AuditEvent')).toBe(true);
    for (const action of ['create', 'update', 'unlock', 'resetPassword'] as const) expect(a.can(action, 'User')).toBe(false);
    expect(defineAbilitiesFor(who('SECADMIN')).can('read', 'AuditEvent')).toBe(false);
  });
});

describe('field-level reading', () => {
  const record = { id: 'u2', username: 'x', displayName: 'X', role: 'DEPT_USER', orgId: 'o', disabled: false, email: 'x@y.cn', lockedUntil: null, passwordHash: 'secret' };

  it('shows contact and security fields to administrators, never the password hash', () => {
    const seen = pickReadable(defineAbilitiesFor(who('SECADMIN')), 'User', record);
    expect(seen).toHaveProperty('email');
    expect(seen).toHaveProperty('lockedUntil');
    expect(seen).not.toHaveProperty('passwordHash');
  });

  it('shows a user their own record', () => {
    expect(pickReadable(defineAbilitiesFor(who('DEPT_USER', 'u2')), 'User', record)).toHaveProperty('email');
  });
});

describe('list filters', () => {
  it('refuse a role with no rule for the type instead of filtering nothing', async () => {
    const { readableWhere } = await import('./abilities.js');
    expect(() => readableWhere(defineAbilitiesFor(who('SYSADMIN')), 'Project')).toThrow();
    expect(readableWhere(defineAbilitiesFor(who('DEPT_USER', 'u1')), 'Project')).toEqual({
      OR: [{ coBuildingOrgIds: { has: 'o1' } }, { orgId: 'o1' }],
    });
  });
});
