// What the project validator looks at: a plain value, the same in the API, the worker and the web UI.
import type { ORG_KINDS } from '../accounts/vocabulary.js';

export type ProjectType = 'NEW' | 'UPGRADE' | 'OM';
/** an organisation's kind (accounts/vocabulary.ts) */
export type OrgKindCode = (typeof ORG_KINDS)[number];
export type SharingAttribute = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHAREABLE';
export type OpenAttribute = 'OPEN' | 'CONDITIONAL' | 'NOT_OPEN';

export interface InformationResourceInput {
  /** NEEDED: 需求目录 (consumed); PRODUCED: 产生目录 */
  direction: 'NEEDED' | 'PRODUCED';
  name: string;
  source: string;
  format: string;
  updateFrequency: string;
  sharing: SharingAttribute;
  openness: OpenAttribute;
}

export interface ResourceLineInput {
  /** stable line number shown to the user (1-based) */
  lineNo: number;
  planCode: string;
  quantity: number;
  purpose: string;
}

export interface ProjectForValidation {
  name: string;
  type: ProjectType;
  /** the implementing organisation's kind: a department or a county */
  orgKind: OrgKindCode;
  description: string;
  /** what the project itself builds (建设内容), one item per entry */
  components: string[];
  totalBudget: number;
  emergency: boolean;
  /** reference of the municipal government's consent (Art. 7), when emergency */
  emergencyConsentRef: string | null;
  privateNetwork: boolean;
  /** reference of GIA's separate approval of the private business network (Art. 8) */
  privateNetworkApprovalRef: string | null;
  informationResources: InformationResourceInput[];
  lines: ResourceLineInput[];
}

/** What a department fills in for a project (create, and in part change), as the API takes it. */
export interface ProjectBasics {
  name: string;
  type: ProjectType;
  budgetYear: number;
  totalBudget: number;
  yearlyBudgets?: { year: number; amount: number }[];
  leadOrgId?: string | null;
  coBuildingOrgIds?: string[];
  countyParticipation?: boolean;
  description?: string;
  components?: string[];
  performanceGoals?: { indicator: string; target: string }[];
  emergency?: boolean;
  emergencyConsentRef?: string | null;
  privateNetwork?: boolean;
  privateNetworkApprovalRef?: string | null;
}

export interface LineInput {
  planCode: string;
  quantity: number;
  purpose: string;
}
