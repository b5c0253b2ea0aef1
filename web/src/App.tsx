// The console's routes, one block per area. Each area's pages live in pages/<area>/.
import { lazy, Suspense } from 'react';
import { App as AntdApp } from 'antd';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { RequireRole } from './auth/RequireRole';
import { DEPARTMENT_ROLES, REVIEWER_ROLES, REVISION_READER_ROLES, homeFor } from './auth/roles';
import { I18nProvider } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { Loading } from './components/PageState';
import { CatalogPage } from './pages/catalog/CatalogPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/signin/SignInPage';

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
const OverduePage = page(() => import('./pages/review/deadlines/OverduePage'), 'OverduePage');
const OperatorProjectsPage = page(() => import('./pages/operator/OperatorProjectsPage'), 'OperatorProjectsPage');
const OperatorQueuePage = page(() => import('./pages/operator/OperatorQueuePage'), 'OperatorQueuePage');
const OperatorRequestPage = page(() => import('./pages/operator/OperatorRequestPage'), 'OperatorRequestPage');
const AuditPage = page(() => import('./pages/audit/AuditPage'), 'AuditPage');
const OrgsPage = page(() => import('./pages/admin/OrgsPage'), 'OrgsPage');
const UsersPage = page(() => import('./pages/admin/UsersPage'), 'UsersPage');
const RegisterPage = page(() => import('./pages/migration/RegisterPage'), 'RegisterPage');
const WorkbenchPage = page(() => import('./pages/workbench/WorkbenchPage'), 'WorkbenchPage');
// the board carries ECharts
const BoardPage = page(() => import('./pages/board/BoardPage'), 'BoardPage');

function Home() {
  const { user } = useAuth();
  return <Navigate to={homeFor(user?.role)} replace />;
}

export function App() {
  return (
    <BrowserRouter>
      <I18nProvider>
        <AntdApp>
          <AuthProvider>
            <Routes>
              <Route path="/signin" element={<SignInPage />} />
              {/* the migration board: full-screen for wall displays, public without sign-in */}
              <Route path="/board" element={<Suspense fallback={<Loading />}><BoardPage /></Suspense>} />
              <Route element={<AppLayout />}>
                <Route index element={<Home />} />
                {/* public */}
                <Route path="catalog" element={<CatalogPage />} />
                <Route path="catalog/revisions" element={<RevisionHistoryPage />} />
                <Route path="catalog/revisions/:number" element={<RevisionHistoryPage />} />
                <Route path="notices" element={<NoticesPage />} />
                {/* department portal */}
                <Route path="portal/projects" element={<RequireRole roles={DEPARTMENT_ROLES}><MyProjectsPage /></RequireRole>} />
                <Route path="portal/projects/new" element={<RequireRole roles={DEPARTMENT_ROLES}><ProjectWizardPage /></RequireRole>} />
                <Route path="portal/projects/:id/edit" element={<RequireRole roles={DEPARTMENT_ROLES}><ProjectWizardPage /></RequireRole>} />
                <Route path="portal/projects/:id" element={<RequireRole roles={DEPARTMENT_ROLES}><ProjectDetailPage /></RequireRole>} />
                <Route path="portal/deadlines" element={<RequireRole roles={DEPARTMENT_ROLES}><MyDeadlinesPage /></RequireRole>} />
                {/* the register of legacy systems: a department's own; every organisation's, read-only, for GIA, the auditor and the sub-center */}
                <Route path="migration/systems" element={<RequireRole roles={[...DEPARTMENT_ROLES, 'GIA_REVIEWER', 'AUDITOR', 'BDC_OPERATOR']}><RegisterPage /></RequireRole>} />
                {/* reviewer consoles */}
                <Route path="review/queue" element={<RequireRole roles={REVIEWER_ROLES}><QueuePage /></RequireRole>} />
                <Route path="review/projects/:id" element={<RequireRole roles={[...REVIEWER_ROLES, 'AUDITOR']}><ReviewPage /></RequireRole>} />
                <Route path="review/revisions" element={<RequireRole roles={REVISION_READER_ROLES}><RevisionApprovalPage /></RequireRole>} />
                <Route path="review/revisions/:number" element={<RequireRole roles={REVISION_READER_ROLES}><RevisionApprovalPage /></RequireRole>} />
                <Route path="review/deadlines" element={<RequireRole roles={['GIA_REVIEWER', 'AUDITOR']}><OverduePage /></RequireRole>} />
                {/* operator console (sub-center) */}
                <Route path="operator/projects" element={<RequireRole roles={['BDC_OPERATOR']}><OperatorProjectsPage /></RequireRole>} />
                <Route path="operator/requests" element={<RequireRole roles={['BDC_OPERATOR']}><OperatorQueuePage /></RequireRole>} />
                <Route path="operator/requests/:id" element={<RequireRole roles={['BDC_OPERATOR']}><OperatorRequestPage /></RequireRole>} />
                {/* audit viewer */}
                <Route path="audit" element={<RequireRole roles={['AUDITOR']}><AuditPage /></RequireRole>} />
                {/* administration */}
                <Route path="admin/orgs" element={<RequireRole roles={['SYSADMIN']}><OrgsPage /></RequireRole>} />
                <Route path="admin/users" element={<RequireRole roles={['SECADMIN']}><UsersPage /></RequireRole>} />
                {/* who am I and where to go, for every signed-in role */}
                <Route path="workbench" element={<RequireRole><WorkbenchPage /></RequireRole>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AuthProvider>
        </AntdApp>
      </I18nProvider>
    </BrowserRouter>
  );
}
