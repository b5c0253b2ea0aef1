// The console's routes, one block per area. Each area's pages live in pages/<area>/.
import { lazy, Suspense } from 'react';
import { App as AntdApp } from 'antd';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { RequireArea } from './auth/RequireArea';
import { I18nProvider } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { Loading } from './components/PageState';
import { CatalogPage } from './pages/catalog/CatalogPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/signin/SignInPage';
import { SsoCompletePage } from './pages/signin/SsoCompletePage';

// Each area's pages are loaded when first opened (their own chunks); the sign-in page and the public catalog,
// where most visits start, come with the first download.
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const RevisionHistoryPage = page(() => import('./pages/catalog/RevisionHistoryPage'), 'RevisionHistoryPage');
const NoticesPage = page(() => import('./pages/notices/NoticesPage'), 'NoticesPage');
const MyProjectsPage = page(() => import('./pages/portal/projects/MyProjectsPage'), 'MyProjectsPage');
const ProjectWizardPage = page(() => import('./pages/portal/wizard/ProjectWizardPage'), 'ProjectWizardPage');
const ProjectDetailPage = page(() => import('./pages/portal/detail/ProjectDetailPage'), 'ProjectDetailPage');
const MyDeadlinesPage = page(() => import('./pages/portal/deadlines/MyDeadlinesPage'), 'MyDeadlinesPage');
const QueuePage = page(() => import('./pages/review/queue/QueuePage'), 'QueuePage');
const ReviewPage = page(() => import('./pages/review/project/ReviewPage'), 'ReviewPage');
const RevisionApprovalPage = page(() => import('./pages/review/revisions/RevisionApprovalPage'), 'RevisionApprovalPage');
const SpotChecksPage = page(() => import('./pages/evaluations/SpotChecksPage'), 'SpotChecksPage');
const SpotCheckPage = page(() => import('./pages/evaluations/SpotCheckPage'), 'SpotCheckPage');
const CampaignsPage = page(() => import('./pages/survey/CampaignsPage'), 'CampaignsPage');
const CampaignPage = page(() => import('./pages/survey/CampaignPage'), 'CampaignPage');
const MyResponsesPage = page(() => import('./pages/survey/MyResponsesPage'), 'MyResponsesPage');
const ResponsePage = page(() => import('./pages/survey/ResponsePage'), 'ResponsePage');
const OverduePage = page(() => import('./pages/review/deadlines/OverduePage'), 'OverduePage');
const OversightProjectsPage = page(() => import('./pages/review/oversight/OversightProjectsPage'), 'OversightProjectsPage');
const OperatorProjectsPage = page(() => import('./pages/operator/OperatorProjectsPage'), 'OperatorProjectsPage');
const OperatorQueuePage = page(() => import('./pages/operator/OperatorQueuePage'), 'OperatorQueuePage');
const OperatorRequestPage = page(() => import('./pages/operator/OperatorRequestPage'), 'OperatorRequestPage');
const AuditPage = page(() => import('./pages/audit/AuditPage'), 'AuditPage');
const OrgsPage = page(() => import('./pages/admin/OrgsPage'), 'OrgsPage');
const UsersPage = page(() => import('./pages/admin/UsersPage'), 'UsersPage');
const CalendarPage = page(() => import('./pages/admin/CalendarPage'), 'CalendarPage');
const DeliveriesPage = page(() => import('./pages/admin/DeliveriesPage'), 'DeliveriesPage');
const NotificationSettingsPage = page(() => import('./pages/me/NotificationSettingsPage'), 'NotificationSettingsPage');
const RegisterPage = page(() => import('./pages/migration/RegisterPage'), 'RegisterPage');
const WorkbenchPage = page(() => import('./pages/workbench/WorkbenchPage'), 'WorkbenchPage');
const TodoCentrePage = page(() => import('./pages/todo/TodoCentrePage'), 'TodoCentrePage');
const NotificationsPage = page(() => import('./pages/notifications/NotificationsPage'), 'NotificationsPage');
// official records to print, outside the console's frame (pages/print)
const ProjectRecordPage = page(() => import('./pages/print/ProjectRecordPage'), 'ProjectRecordPage');
const HandoverPage = page(() => import('./pages/print/HandoverPage'), 'HandoverPage');
// the board carries ECharts
const AssessmentsPage = page(() => import('./pages/assessments/AssessmentsPage'), 'AssessmentsPage');
const DepartmentAssessmentPage = page(() => import('./pages/assessments/DepartmentAssessmentPage'), 'DepartmentAssessmentPage');
const CountyAssessmentPage = page(() => import('./pages/assessments/CountyAssessmentPage'), 'CountyAssessmentPage');
const MyAssessmentsPage = page(() => import('./pages/assessments/MyAssessmentsPage'), 'MyAssessmentsPage');
const BoardPage = page(() => import('./pages/board/BoardPage'), 'BoardPage');

function Home() {
  const { home } = useAuth();
  return <Navigate to={home} replace />;
}

export function App() {
  return (
    <BrowserRouter>
      <I18nProvider>
        <AntdApp>
          <AuthProvider>
            <Routes>
              <Route path="/signin" element={<SignInPage />} />
              <Route path="/signin/sso" element={<SsoCompletePage />} />
              {/* the migration board: full-screen for wall displays, public without sign-in */}
              <Route path="/board" element={<Suspense fallback={<Loading />}><BoardPage /></Suspense>} />
              {/* official records as A4 sheets to print or save as PDF: who may read the object may print it */}
              <Route path="/print/projects/:id/:record" element={<RequireArea><Suspense fallback={<Loading />}><ProjectRecordPage /></Suspense></RequireArea>} />
              <Route path="/print/requests/:id/handover" element={<RequireArea><Suspense fallback={<Loading />}><HandoverPage /></Suspense></RequireArea>} />
              <Route element={<AppLayout />}>
                <Route index element={<Home />} />
                {/* public */}
                <Route path="catalog" element={<CatalogPage />} />
                <Route path="catalog/revisions" element={<RevisionHistoryPage />} />
                <Route path="catalog/revisions/:number" element={<RevisionHistoryPage />} />
                <Route path="notices" element={<NoticesPage />} />
                {/* department portal */}
                <Route path="portal/projects" element={<RequireArea areas={['portal']}><MyProjectsPage /></RequireArea>} />
                <Route path="portal/projects/new" element={<RequireArea areas={['portal']}><ProjectWizardPage /></RequireArea>} />
                <Route path="portal/projects/:id/edit" element={<RequireArea areas={['portal']}><ProjectWizardPage /></RequireArea>} />
                <Route path="portal/projects/:id" element={<RequireArea areas={['portal']}><ProjectDetailPage /></RequireArea>} />
                <Route path="portal/deadlines" element={<RequireArea areas={['portal']}><MyDeadlinesPage /></RequireArea>} />
                {/* the register of legacy systems: an organisation's own, or every organisation's (read-only but for the sub-center's assessment) */}
                <Route path="migration/systems" element={<RequireArea areas={['migrationOwn', 'migrationBoard']}><RegisterPage /></RequireArea>} />
                {/* reviewer consoles */}
                <Route path="review/queue" element={<RequireArea areas={['review']}><QueuePage /></RequireArea>} />
                <Route path="review/projects" element={<RequireArea areas={['oversight']}><OversightProjectsPage /></RequireArea>} />
                <Route path="review/projects/:id" element={<RequireArea areas={['review', 'oversight']}><ReviewPage /></RequireArea>} />
                <Route path="review/revisions" element={<RequireArea areas={['revisions']}><RevisionApprovalPage /></RequireArea>} />
                <Route path="review/revisions/:number" element={<RequireArea areas={['revisions']}><RevisionApprovalPage /></RequireArea>} />
                <Route path="evaluations/spot-checks" element={<RequireArea areas={['spotChecks']}><SpotChecksPage /></RequireArea>} />
                <Route path="evaluations/spot-checks/:id" element={<RequireArea areas={['spotChecks']}><SpotCheckPage /></RequireArea>} />
                <Route path="review/deadlines" element={<RequireArea areas={['oversight']}><OverduePage /></RequireArea>} />
                {/* the migration survey (摸底调查): the sub-center's campaigns, an organisation's answers */}
                <Route path="survey/campaigns" element={<RequireArea areas={['surveyRun']}><CampaignsPage /></RequireArea>} />
                <Route path="survey/campaigns/:id" element={<RequireArea areas={['surveyRun']}><CampaignPage /></RequireArea>} />
                <Route path="survey/responses" element={<RequireArea areas={['surveyOwn']}><MyResponsesPage /></RequireArea>} />
                <Route path="survey/responses/:id" element={<RequireArea areas={['surveyOwn', 'surveyRun']}><ResponsePage /></RequireArea>} />
                {/* operator console (sub-center) */}
                <Route path="operator/projects" element={<RequireArea areas={['operator']}><OperatorProjectsPage /></RequireArea>} />
                <Route path="operator/requests" element={<RequireArea areas={['operator']}><OperatorQueuePage /></RequireArea>} />
                <Route path="operator/requests/:id" element={<RequireArea areas={['operator']}><OperatorRequestPage /></RequireArea>} />
                {/* yearly assessments (Art. 25, 40) */}
                <Route path="assessments" element={<RequireArea areas={['assessments']}><AssessmentsPage /></RequireArea>} />
                <Route path="assessments/departments/:id" element={<RequireArea areas={['assessments', 'portal', 'review']}><DepartmentAssessmentPage /></RequireArea>} />
                <Route path="assessments/counties/:id" element={<RequireArea areas={['assessments', 'portal']}><CountyAssessmentPage /></RequireArea>} />
                <Route path="portal/assessments" element={<RequireArea areas={['portal']}><MyAssessmentsPage /></RequireArea>} />
                {/* audit viewer */}
                <Route path="audit" element={<RequireArea areas={['audit']}><AuditPage /></RequireArea>} />
                {/* administration */}
                <Route path="admin/orgs" element={<RequireArea areas={['orgs']}><OrgsPage /></RequireArea>} />
                <Route path="admin/users" element={<RequireArea areas={['users']}><UsersPage /></RequireArea>} />
                <Route path="admin/calendar" element={<RequireArea areas={['calendar']}><CalendarPage /></RequireArea>} />
                <Route path="admin/deliveries" element={<RequireArea areas={['deliveries']}><DeliveriesPage /></RequireArea>} />
                {/* one's own notification settings, from the user menu */}
                <Route path="me/notifications" element={<RequireArea><NotificationSettingsPage /></RequireArea>} />
                {/* who am I and where to go, for every signed-in user */}
                <Route path="workbench" element={<RequireArea><WorkbenchPage /></RequireArea>} />
                {/* what waits for me, what I handled, what I was told: every signed-in user */}
                <Route path="todo" element={<RequireArea><TodoCentrePage /></RequireArea>} />
                <Route path="notifications" element={<RequireArea><NotificationsPage /></RequireArea>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AuthProvider>
        </AntdApp>
      </I18nProvider>
    </BrowserRouter>
  );
}
