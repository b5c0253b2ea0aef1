// The side menu: one list of entries, each with the roles that see it. Public entries show to everyone.
// The menus each role sees are pinned by test/e2e/roles.test.ts: change both together.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  BellOutlined,
  ClockCircleOutlined,
  DiffOutlined,
  FileAddOutlined,
  FundProjectionScreenOutlined,
  HistoryOutlined,
  HomeOutlined,
  ProjectOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { Role } from '../api/session';
import type { MessageKey } from '../i18n';

export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** undefined: everyone, signed in or not */
  roles?: Role[];
  group: 'public' | 'work';
}

export const MENU: MenuEntry[] = [
  { path: '/portal/projects', label: 'nav.myProjects', icon: <ProjectOutlined />, roles: ['DEPT_USER', 'COUNTY_USER'], group: 'work' },
  { path: '/portal/projects/new', label: 'nav.newProject', icon: <FileAddOutlined />, roles: ['DEPT_USER', 'COUNTY_USER'], group: 'work' },
  { path: '/portal/deadlines', label: 'nav.myDeadlines', icon: <ClockCircleOutlined />, roles: ['DEPT_USER', 'COUNTY_USER'], group: 'work' },
  { path: '/migration/systems', label: 'nav.mySystems', icon: <DatabaseOutlined />, roles: ['DEPT_USER', 'COUNTY_USER'], group: 'work' },
  { path: '/review/queue', label: 'nav.reviewQueue', icon: <SolutionOutlined />, roles: ['GIA_REVIEWER', 'FINANCE_REVIEWER'], group: 'work' },
  { path: '/review/revisions', label: 'nav.revisionApproval', icon: <DiffOutlined />, roles: ['GIA_REVIEWER', 'FINANCE_REVIEWER'], group: 'work' },
  { path: '/review/deadlines', label: 'nav.overdue', icon: <ClockCircleOutlined />, roles: ['GIA_REVIEWER', 'AUDITOR'], group: 'work' },
  { path: '/workbench', label: 'nav.workbench', icon: <HomeOutlined />, roles: ['SYSADMIN', 'SECADMIN', 'AUDITOR', 'BDC_OPERATOR'], group: 'work' },
  { path: '/operator/requests', label: 'nav.operatorQueue', icon: <CloudServerOutlined />, roles: ['BDC_OPERATOR'], group: 'work' },
  { path: '/operator/projects', label: 'nav.operatorProjects', icon: <FundProjectionScreenOutlined />, roles: ['BDC_OPERATOR'], group: 'work' },
  { path: '/audit', label: 'nav.audit', icon: <SafetyCertificateOutlined />, roles: ['AUDITOR'], group: 'work' },
  { path: '/admin/orgs', label: 'nav.orgs', icon: <ApartmentOutlined />, roles: ['SYSADMIN'], group: 'work' },
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, roles: ['SECADMIN'], group: 'work' },
  { path: '/review/revisions', label: 'nav.revisions', icon: <AuditOutlined />, roles: ['BDC_OPERATOR', 'AUDITOR'], group: 'work' },
  { path: '/migration/systems', label: 'nav.migrationRegister', icon: <DatabaseOutlined />, roles: ['GIA_REVIEWER', 'AUDITOR', 'BDC_OPERATOR'], group: 'work' },
  { path: '/catalog', label: 'nav.catalog', icon: <AppstoreOutlined />, group: 'public' },
  { path: '/catalog/revisions', label: 'nav.catalogHistory', icon: <HistoryOutlined />, group: 'public' },
  { path: '/notices', label: 'nav.notices', icon: <BellOutlined />, group: 'public' },
  { path: '/board', label: 'nav.board', icon: <DashboardOutlined />, group: 'public' },
];

export function menuFor(role: Role | undefined): MenuEntry[] {
  return MENU.filter((e) => (e.roles ? role !== undefined && e.roles.includes(role) : true));
}
