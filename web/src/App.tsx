// The console's routes, one block per area. Each area's pages live in pages/<area>/.
import { lazy, Suspense } from 'react';
import { App as AntdApp } from 'antd';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { RequireRole } from './auth/RequireRole';
import { DEPARTMENT_ROLES, REVIEWER_ROLES, REVISION_READER_ROLES, homeFor } from './auth/roles';
import { I18nProvider } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { SignInPage } from './pages/signin/SignInPage';
import { CatalogPage } from './pages/catalog/CatalogPage';
import { RevisionHistoryPage } from './pages/catalog/RevisionHistoryPage';
import { NoticesPage } from './pages/notices/NoticesPage';
import { MyProjectsPage } from './pages/portal/projects/MyProjectsPage';
import { ProjectWizardPage } from './pages/portal/wizard/ProjectWizardPage';
import { ProjectDetailPage } from './pages/portal/detail/ProjectDetailPage';
import { MyDeadlinesPage } from './pages/portal/deadlines/MyDeadlinesPage';
import { QueuePage } from './pages/review/queue/QueuePage';
import { ReviewPage } from './pages/review/project/ReviewPage';
import { RevisionApprovalPage } from './pages/review/revisions/RevisionApprovalPage';
import { OverduePage } from './pages/review/deadlines/OverduePage';
import { OperatorQueuePage } from './pages/operator/OperatorQueuePage';
import { OperatorRequestPage } from './pages/operator/OperatorRequestPage';
import { AuditPage } from './pages/audit/AuditPage';
import { OrgsPage } from './pages/admin/OrgsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { WorkbenchPage } from './pages/workbench/WorkbenchPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { Loading } from './components/PageState';

// the board carries ECharts: loaded only when someone opens it
const BoardPage = lazy(() => import('./pages/board/BoardPage').then((m) => ({ default: m.BoardPage })));

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
                {/* reviewer consoles */}
                <Route path="review/queue" element={<RequireRole roles={REVIEWER_ROLES}><QueuePage /></RequireRole>} />
                <Route path="review/projects/:id" element={<RequireRole roles={[...REVIEWER_ROLES, 'AUDITOR']}><ReviewPage /></RequireRole>} />
                <Route path="review/revisions" element={<RequireRole roles={REVISION_READER_ROLES}><RevisionApprovalPage /></RequireRole>} />
                <Route path="review/revisions/:number" element={<RequireRole roles={REVISION_READER_ROLES}><RevisionApprovalPage /></RequireRole>} />
                <Route path="review/deadlines" element={<RequireRole roles={['GIA_REVIEWER', 'AUDITOR']}><OverduePage /></RequireRole>} />
                {/* operator console (sub-center) */}
                <Route path="operator/requests" element={<RequireRole roles={['BDC_OPERATOR']}><OperatorQueuePage /></RequireRole>} />
                <Route path="operator/requests/:id" element={<RequireRole roles={['BDC_OPERATOR']}><OperatorRequestPage /></RequireRole>} />
                {/* audit viewer */}
                <Route path="audit" element={<RequireRole roles={['AUDITOR']}><AuditPage /></RequireRole>} />
                {/* administration */}
                <Route path="admin/orgs" element={<RequireRole roles={['SYSADMIN']}><OrgsPage /></RequireRole>} />
                <Route path="admin/users" element={<RequireRole roles={['SECADMIN']}><UsersPage /></RequireRole>} />
                {/* other roles until their consoles arrive */}
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
