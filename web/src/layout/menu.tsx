// The side menu: one list of entries, each with the console area that shows it (the server decides a user's areas,
// accounts/console-areas.ts). Public entries show to everyone. The menus the demo accounts see are pinned by
// test/e2e/roles.test.ts: change both together.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  TrophyOutlined,
  DatabaseOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  DiffOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  FormOutlined,
  ScheduleOutlined,
  FundProjectionScreenOutlined,
  HistoryOutlined,
  HomeOutlined,
  ProjectOutlined,
  SendOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { ConsoleArea } from '../api/session';
import type { MessageKey } from '../i18n';
import type { CountKey } from './useMenuCounts';

export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** the area that shows the entry; undefined: everyone, signed in or not */
  area?: ConsoleArea;
  /** not shown to those who also have this area (it has an entry of its own for the same page) */
  unless?: ConsoleArea;
  group: 'public' | 'work';
  /** the badge: what waits behind the entry (api/console-counts.ts) */
  count?: CountKey;
}

export const MENU: MenuEntry[] = [
  { path: '/todo', label: 'nav.todo', icon: <CheckSquareOutlined />, area: 'todo', group: 'work' },
  { path: '/portal/projects', label: 'nav.myProjects', icon: <ProjectOutlined />, area: 'portal', group: 'work', count: 'returnedProjects' },
  { path: '/portal/projects/new', label: 'nav.newProject', icon: <FileAddOutlined />, area: 'portal', group: 'work' },
  { path: '/portal/deadlines', label: 'nav.myDeadlines', icon: <ClockCircleOutlined />, area: 'portal', group: 'work', count: 'openDeadlines' },
  { path: '/migration/systems', label: 'nav.mySystems', icon: <DatabaseOutlined />, area: 'migrationOwn', group: 'work' },
  { path: '/review/queue', label: 'nav.reviewQueue', icon: <SolutionOutlined />, area: 'review', group: 'work', count: 'reviewQueue' },
  { path: '/review/revisions', label: 'nav.revisionApproval', icon: <DiffOutlined />, area: 'revisionApproval', group: 'work', count: 'revisionApproval' },
  { path: '/evaluations/spot-checks', label: 'nav.spotChecks', icon: <FileSearchOutlined />, area: 'spotChecks', group: 'work' },
  { path: '/review/projects', label: 'nav.allProjects', icon: <ProjectOutlined />, area: 'oversight', group: 'work' },
  { path: '/review/deadlines', label: 'nav.overdue', icon: <ClockCircleOutlined />, area: 'oversight', group: 'work', count: 'overdueDeadlines' },
  { path: '/workbench', label: 'nav.workbench', icon: <HomeOutlined />, area: 'workbench', group: 'work' },
  { path: '/operator/requests', label: 'nav.operatorQueue', icon: <CloudServerOutlined />, area: 'operator', group: 'work', count: 'operatorQueue' },
  { path: '/operator/projects', label: 'nav.operatorProjects', icon: <FundProjectionScreenOutlined />, area: 'operator', group: 'work' },
  { path: '/portal/assessments', label: 'nav.myAssessments', icon: <TrophyOutlined />, area: 'portal', group: 'work' },
  { path: '/assessments', label: 'nav.assessments', icon: <TrophyOutlined />, area: 'assessments', group: 'work' },
  { path: '/audit', label: 'nav.audit', icon: <SafetyCertificateOutlined />, area: 'audit', group: 'work' },
  { path: '/admin/orgs', label: 'nav.orgs', icon: <ApartmentOutlined />, area: 'orgs', group: 'work' },
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, area: 'users', group: 'work' },
  { path: '/admin/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, area: 'calendar', group: 'work' },
  { path: '/admin/deliveries', label: 'nav.deliveries', icon: <SendOutlined />, area: 'deliveries', group: 'work' },
  { path: '/review/revisions', label: 'nav.revisions', icon: <AuditOutlined />, area: 'revisions', unless: 'revisionApproval', group: 'work' },
  { path: '/migration/systems', label: 'nav.migrationRegister', icon: <DatabaseOutlined />, area: 'migrationBoard', unless: 'migrationOwn', group: 'work' },
  { path: '/survey/campaigns', label: 'nav.surveyRun', icon: <ScheduleOutlined />, area: 'surveyRun', group: 'work' },
  { path: '/survey/responses', label: 'nav.surveyOwn', icon: <FormOutlined />, area: 'surveyOwn', group: 'work' },
  { path: '/catalog', label: 'nav.catalog', icon: <AppstoreOutlined />, group: 'public' },
  { path: '/catalog/revisions', label: 'nav.catalogHistory', icon: <HistoryOutlined />, group: 'public' },
  { path: '/notices', label: 'nav.notices', icon: <BellOutlined />, group: 'public' },
  { path: '/board', label: 'nav.board', icon: <DashboardOutlined />, group: 'public' },
];

/** The entries the areas show, in the menu's order (no areas: the public entries only). */
export function menuFor(areas: readonly ConsoleArea[]): MenuEntry[] {
  return MENU.filter((e) => !e.area || (areas.includes(e.area) && !(e.unless && areas.includes(e.unless))));
}
