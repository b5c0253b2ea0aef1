// Where in the console a person deals with an object: the page of their own area (a department opens its project in
// the portal, a reviewer in the review pages, an operator in the operator's).
import type { Role } from '../core/db/generated/enums.js';

const DEPARTMENT: readonly Role[] = ['DEPT_USER', 'COUNTY_USER'];

export function projectLink(role: Role, id: string): string {
  if (DEPARTMENT.includes(role)) return `/portal/projects/${id}`;
  if (role === 'BDC_OPERATOR') return `/operator/projects`;
  return `/review/projects/${id}`;
}

export function deadlineLink(role: Role, owner: { projectId?: string | null; migrationSystemId?: string | null }): string {
  if (owner.projectId) return DEPARTMENT.includes(role) ? '/portal/deadlines' : role === 'GIA_REVIEWER' || role === 'FINANCE_REVIEWER' ? '/review/deadlines' : projectLink(role, owner.projectId);
  return DEPARTMENT.includes(role) ? '/portal/deadlines' : '/review/deadlines';
}

export function requestLink(role: Role, id: string, projectId: string): string {
  return role === 'BDC_OPERATOR' ? `/operator/requests/${id}` : projectLink(role, projectId);
}

export function revisionLink(role: Role, number: number): string {
  return role === 'GIA_REVIEWER' || role === 'FINANCE_REVIEWER' ? `/review/revisions/${number}` : `/catalog/revisions/${number}`;
}

export const waveLink = (_role: Role): string => "/migration/systems";

/** The campaign's coverage page (the sub-center, the city GIA, the readers), or the organisation's answer. */
export const surveyCampaignLink = (id: string): string => `/survey/campaigns/${id}`;
export const surveyResponseLink = (id: string): string => `/survey/responses/${id}`;
