// The wizard's local copy of a project: what the user is editing, before it is saved. The same values feed the
// live validator (toValidationInput) and are saved step by step (saveDraft.ts).
import type { ProjectForValidation, OrgKindCode } from '@projects/validation-input';
import type { InformationResource, Project, ProjectBasics, ProjectType } from '../../../api/projects';

export interface BasicsValues {
  name: string;
  type: ProjectType;
  budgetYear: number;
  totalBudget: number | null;
  description: string;
  /** one component (建设内容) per line */
  componentsText: string;
  performanceGoals: { indicator: string; target: string }[];
  emergency: boolean;
  emergencyConsentRef: string;
  privateNetwork: boolean;
  privateNetworkApprovalRef: string;
}

export interface ResourceRow extends InformationResource {
  key: string;
}

export interface LineRow {
  key: string;
  /** the server's line number, once saved */
  lineNo?: number;
  planCode?: string;
  quantity: number | null;
  purpose: string;
}

/** A line as the validator and the user see it: saved lines keep their number, new ones take the next ones. */
export interface NumberedLine extends LineRow {
  displayNo: number;
}

let seq = 0;
export const newKey = () => `k${Date.now().toString(36)}-${++seq}`;

export function emptyBasics(): BasicsValues {
  return {
    name: '',
    type: 'NEW',
    budgetYear: new Date().getFullYear(),
    totalBudget: null,
    description: '',
    componentsText: '',
    performanceGoals: [],
    emergency: false,
    emergencyConsentRef: '',
    privateNetwork: false,
    privateNetworkApprovalRef: '',
  };
}

export function basicsFrom(p: Project): BasicsValues {
  return {
    name: p.name,
    type: p.type,
    budgetYear: p.budgetYear,
    totalBudget: p.totalBudget,
    description: p.description ?? '',
    componentsText: p.components.join('\n'),
    performanceGoals: p.performanceGoals,
    emergency: p.emergency,
    emergencyConsentRef: p.emergencyConsentRef ?? '',
    privateNetwork: p.privateNetwork,
    privateNetworkApprovalRef: p.privateNetworkApprovalRef ?? '',
  };
}

export function componentsOf(b: BasicsValues): string[] {
  return b.componentsText
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function basicsToApi(b: BasicsValues): ProjectBasics {
  return {
    name: b.name.trim(),
    type: b.type,
    budgetYear: b.budgetYear,
    totalBudget: b.totalBudget ?? 0,
    description: b.description,
    components: componentsOf(b),
    performanceGoals: b.performanceGoals.filter((g) => g?.indicator?.trim() && g?.target?.trim()),
    emergency: b.emergency,
    emergencyConsentRef: b.emergency ? b.emergencyConsentRef.trim() || null : null,
    privateNetwork: b.privateNetwork,
    privateNetworkApprovalRef: b.privateNetwork ? b.privateNetworkApprovalRef.trim() || null : null,
  };
}

export function resourcesFrom(p: Project): ResourceRow[] {
  return p.informationResources.map((r) => ({ ...r, key: newKey() }));
}

export function resourcesToApi(rows: ResourceRow[]): InformationResource[] {
  return rows.map(({ key: _key, ...r }) => ({
    ...r,
    name: r.name.trim(),
    source: r.source.trim(),
    format: r.format.trim(),
    updateFrequency: r.updateFrequency.trim(),
  }));
}

export function linesFrom(p: Project): LineRow[] {
  return p.lines.map((l) => ({ key: newKey(), lineNo: l.lineNo, planCode: l.planCode, quantity: l.quantity, purpose: l.purpose }));
}

export function numberLines(rows: LineRow[]): NumberedLine[] {
  let next = rows.reduce((m, r) => Math.max(m, r.lineNo ?? 0), 0);
  return rows.map((r) => ({ ...r, displayNo: r.lineNo ?? ++next }));
}

export function toValidationInput(b: BasicsValues, resources: ResourceRow[], lines: NumberedLine[], orgKind: OrgKindCode): ProjectForValidation {
  return {
    name: b.name,
    type: b.type,
    orgKind,
    description: b.description,
    components: componentsOf(b),
    totalBudget: b.totalBudget ?? 0,
    emergency: b.emergency,
    emergencyConsentRef: b.emergency ? b.emergencyConsentRef || null : null,
    privateNetwork: b.privateNetwork,
    privateNetworkApprovalRef: b.privateNetwork ? b.privateNetworkApprovalRef || null : null,
    informationResources: resourcesToApi(resources),
    lines: lines.map((l) => ({ lineNo: l.displayNo, planCode: l.planCode ?? '', quantity: l.quantity ?? 0, purpose: l.purpose })),
  };
}
