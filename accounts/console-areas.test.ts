import { describe, expect, it } from 'vitest';
import { defineAbilitiesFor } from '../core/access/abilities.js';
import { DEMO_ACCOUNTS } from '../prisma/seed/accounts.js';
import { consoleAreasFor, type ConsoleArea } from './console-areas.js';
import type { Role } from './vocabulary.js';

const areasOf = (role: Role, jurisdiction = 'CITY') =>
  consoleAreasFor(defineAbilitiesFor({ id: 'u1', username: role.toLowerCase(), role, orgId: 'o1', jurisdiction }), true, jurisdiction);

// what each demo account opens in the console, and where it lands (the menus test/e2e/roles.test.ts pins)
const EXPECTED: Record<string, { areas: ConsoleArea[]; home: string }> = {
  admin: { areas: ['todo', 'orgs', 'calendar', 'deliveries', 'workbench'], home: '/admin/orgs' },
  secadmin: { areas: ['todo', 'users', 'workbench'], home: '/admin/users' },
  auditor: { areas: ['todo', 'oversight', 'revisions', 'migrationBoard', 'assessments', 'audit', 'deliveries', 'workbench'], home: '/audit' },
  gia: { areas: ['todo', 'review', 'oversight', 'revisionApproval', 'revisions', 'migrationBoard', 'surveyRun', 'surveyOwn', 'assessments'], home: '/review/queue' },
  finance: { areas: ['todo', 'review', 'revisionApproval', 'revisions', 'surveyOwn', 'spotChecks'], home: '/review/queue' },
  bdc: { areas: ['todo', 'revisions', 'operator', 'migrationBoard', 'migrationPlanning', 'surveyRun', 'surveyOwn', 'workbench'], home: '/operator/requests' },
  dept: { areas: ['todo', 'portal', 'migrationOwn', 'surveyOwn'], home: '/portal/projects' },
  dept2: { areas: ['todo', 'portal', 'migrationOwn', 'surveyOwn'], home: '/portal/projects' },
  county: { areas: ['todo', 'portal', 'migrationOwn', 'surveyOwn'], home: '/portal/projects' },
  // a county's bureaus (Art. 39): their jurisdiction's reviews; the catalog is the city's to approve
  'county-gia': { areas: ['todo', 'review', 'oversight', 'revisions', 'migrationBoard', 'surveyOwn'], home: '/review/queue' },
  'county-finance': { areas: ['todo', 'review', 'revisions', 'surveyOwn', 'spotChecks'], home: '/review/queue' },
};

describe('console areas', () => {
  it('covers every demo account', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a.role, a.org.startsWith('YANHU') ? 'YANHU' : 'CITY'] as const))('%s (%s) opens its areas and lands on its home', (username, role, jurisdiction) => {
    expect(areasOf(role, jurisdiction)).toEqual(EXPECTED[username]);
  });

  it('opens nothing to the public, who land on the catalog', () => {
    expect(consoleAreasFor(defineAbilitiesFor(null), false)).toEqual({ areas: [], home: '/catalog' });
  });

  it('follows the ability, not the role name: an ability without rules opens only the to-do centre and the workbench', () => {
    expect(consoleAreasFor(defineAbilitiesFor(null))).toEqual({ areas: ['todo', 'workbench'], home: '/catalog' });
  });
});
