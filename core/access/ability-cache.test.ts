// Abilities shared per principal: the same rules as building them afresh, and a changed role or organisation is
// never answered from an older entry.
import { describe, expect, it } from 'vitest';
import { defineAbilitiesFor, type Principal } from './abilities.js';
import { abilityFor } from './ability-cache.js';

const gia: Principal = { id: 'u1', username: 'gia', role: 'GIA_REVIEWER', orgId: 'o-gia', jurisdiction: 'CITY', orgKind: 'GIA' };

describe('ability cache', () => {
  it('gives the same rules as defineAbilitiesFor and the same object on the next request', () => {
    const a = abilityFor(gia);
    expect(a.rules).toEqual(defineAbilitiesFor(gia).rules);
    expect(abilityFor({ ...gia })).toBe(a);
    expect(abilityFor(null).rules).toEqual(defineAbilitiesFor(null).rules);
  });

  it('builds afresh when the role, organisation, its kind or jurisdiction changes', () => {
    const before = abilityFor(gia);
    const demoted: Principal = { ...gia, role: 'DEPT_USER', orgKind: 'DEPARTMENT', orgId: 'o-dept' };
    expect(abilityFor(demoted)).not.toBe(before);
    expect(abilityFor(demoted).can('review', 'Project')).toBe(false);
    expect(before.can('review', 'Project')).toBe(true);
    expect(abilityFor({ ...gia, orgKind: 'DEPARTMENT' }).rules).toEqual(defineAbilitiesFor({ ...gia, orgKind: 'DEPARTMENT' }).rules);
    expect(abilityFor({ ...gia, jurisdiction: '140802' })).not.toBe(before);
  });
});
