// What the project validator looks at: a plain value, the same in the API, the worker and the web UI.

export type ProjectType = 'NEW' | 'UPGRADE' | 'OM';
export type OrgKindCode = 'GIA' | 'FINANCE' | 'BDC' | 'DEPARTMENT' | 'COUNTY';
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
