// Whose system each imported register row is, from its 所属单位 cell (header synonyms 单位名称, 填报单位: ./columns.ts).
//
// A department's or county's import registers its own systems: the cell may be blank or name the importing
// organisation (by its name, short name, alias or code), anything else is a problem on the row. The sub-center's
// city-wide import (the survey, 摸底) registers every organisation's systems from one sheet: each row must name an
// organisation the matcher (accounts/org-names.ts) recognises; an unknown name is a problem carrying the closest
// names, an ambiguous one a problem naming the candidates. ./spreadsheet.ts asks `RowOrgResolver` once per row.
import type { OrgMatcher, OrgSuggestion } from '../accounts/org-names.js';
import { listOf, t, type Locale } from '../core/i18n.js';

export interface RowOrgProblem {
  code: string;
  params?: Record<string, string | number>;
  /** an unknown organisation: the closest names, best first */
  suggestions?: OrgSuggestion[];
}

export type RowOrg = { orgId: string } | { problem: RowOrgProblem };
export type RowOrgResolver = (cell: string, locale: Locale) => RowOrg;

interface OwnOrg {
  id: string;
  code: string;
  name: string;
}

/** A department's or county's import: blank, or its own organisation by any of its names. */
export function ownOrganisation(org: OwnOrg, matcher?: OrgMatcher): RowOrgResolver {
  const own = { orgId: org.id };
  const notOwn = { problem: { code: 'import.not_own_org', params: { org: org.name } } };
  return (cell) => {
    if (!cell || cell === org.name || cell.toUpperCase() === org.code.toUpperCase()) return own;
    const r = matcher?.recognise(cell);
    return r?.status === 'recognised' && r.org.id === org.id ? own : notOwn;
  };
}

/** The sub-center's city-wide import: every row names a recognised organisation. */
export function anyOrganisation(matcher: OrgMatcher): RowOrgResolver {
  return (cell, locale): RowOrg => {
    if (!cell) return { problem: { code: 'import.org_required' } };
    const r = matcher.recognise(cell);
    if (r.status === 'recognised') return { orgId: r.org.id };
    if (r.status === 'ambiguous') return { problem: { code: 'import.ambiguous_org', params: { value: cell, names: listOf(r.candidates.map((c) => c.name), locale) } } };
    const names = r.suggestions.map((s) => s.name);
    const suggestions = names.length ? t('import.unknown_org_suggestions', locale, { names: listOf(names, locale) }) : '';
    return { problem: { code: 'import.unknown_org', params: { value: cell, suggestions }, suggestions: r.suggestions } };
  };
}

/** The (organisation, name) pair a system is unique by: the same name may be registered by two organisations. */
export const ownedName = (orgId: string, name: string) => `${orgId}\u0000${name}`;
