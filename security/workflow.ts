// The security dossier (安全责任) of an established project or a migrated system (Art. 36–37) as data: every record is
// an append (`to: []`) taken through the runner (core/workflow/runner.ts), so permissions, audit names and the drawn
// docs come from this table. The dossier is OPEN while its owner is in service (an established project, a system on
// the city cloud) and CLOSED otherwise; its state is read from the owner, never stored.
import { defineTable } from '../core/workflow/machine.js';

export const SECURITY_STATES = ['OPEN', 'CLOSED'] as const;
export type SecurityState = (typeof SECURITY_STATES)[number];

/** The kinds of record a dossier holds, in the order the console shows them. */
export const SECURITY_RECORD_KINDS = ['RISK_ASSESSMENT', 'MLPS', 'CRYPTO_ASSESSMENT', 'EMERGENCY_PLAN', 'DRILL', 'INCIDENT'] as const;
export type SecurityRecordKind = (typeof SECURITY_RECORD_KINDS)[number];

/** The action filing each kind (POST …/security/<action>). */
export const SECURITY_ACTION_OF = {
  RISK_ASSESSMENT: 'risk-assessment',
  MLPS: 'mlps',
  CRYPTO_ASSESSMENT: 'crypto-assessment',
  EMERGENCY_PLAN: 'emergency-plan',
  DRILL: 'drill',
  INCIDENT: 'incident',
} as const satisfies Record<SecurityRecordKind, string>;
export type SecurityFilingAction = (typeof SECURITY_ACTION_OF)[SecurityRecordKind];
export const SECURITY_FILING_ACTIONS = Object.values(SECURITY_ACTION_OF) as SecurityFilingAction[];

export const SECURITY_RECORD_LABELS = {
  RISK_ASSESSMENT: { 'zh-CN': '风险评估', en: 'Risk assessment' },
  MLPS: { 'zh-CN': '等级保护定级与测评', en: 'Graded protection (MLPS)' },
  CRYPTO_ASSESSMENT: { 'zh-CN': '商用密码应用安全性评估', en: 'Commercial cryptography assessment' },
  EMERGENCY_PLAN: { 'zh-CN': '应急预案', en: 'Emergency plan' },
  DRILL: { 'zh-CN': '应急演练', en: 'Emergency drill' },
  INCIDENT: { 'zh-CN': '安全事件', en: 'Security incident' },
} as const satisfies Record<SecurityRecordKind, { 'zh-CN': string; en: string }>;

export const SECURITY_MACHINE = defineTable({
  subject: 'SecurityDossier',
  states: SECURITY_STATES,
  stateLabels: {
    OPEN: { 'zh-CN': '在用', en: 'In service' },
    CLOSED: { 'zh-CN': '未在用', en: 'Not in service' },
  },
  stateColours: { OPEN: 'success', CLOSED: 'default' },
  actions: {
    // the implementing unit leads the risk assessment with the contractor and both confirm its result
    'risk-assessment': { from: ['OPEN'], to: [], ability: 'file', article: '第三十六条', label: { 'zh-CN': '报送风险评估', en: 'file a risk assessment' } },
    // graded protection and commercial cryptography: planned, built, run and assessed periodically
    mlps: { from: ['OPEN'], to: [], ability: 'file', article: '第三十六条', label: { 'zh-CN': '报送等保定级与测评', en: 'file MLPS grading and assessment' } },
    'crypto-assessment': { from: ['OPEN'], to: [], ability: 'file', article: '第三十六条', label: { 'zh-CN': '报送密评结果', en: 'file a cryptography assessment' } },
    // the emergency plan, its periodic drills, and incidents handled, recorded and reported
    'emergency-plan': { from: ['OPEN'], to: [], ability: 'file', article: '第三十七条', label: { 'zh-CN': '报送应急预案', en: 'file the emergency plan' } },
    drill: { from: ['OPEN'], to: [], ability: 'file', article: '第三十七条', label: { 'zh-CN': '报送应急演练', en: 'file an emergency drill' } },
    incident: { from: ['OPEN'], to: [], ability: 'file', article: '第三十七条', label: { 'zh-CN': '报送安全事件', en: 'file a security incident' } },
    // a document filed with one of the dossier's records
    document: { from: ['OPEN'], to: [], ability: 'file', article: '第三十七条', label: { 'zh-CN': '上传安全材料', en: 'upload a security document' } },
  },
});

export type SecurityAction = keyof typeof SECURITY_MACHINE.actions;

/** Whose dossier it is. */
export const SECURITY_OWNER_KINDS = ['PROJECT', 'SYSTEM'] as const;
export type SecurityOwnerKind = (typeof SECURITY_OWNER_KINDS)[number];
