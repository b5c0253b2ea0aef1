// The landing page of those without a portal or a review queue (the operator, the administrators, the auditor): the
// most urgent of what waits for them (the to-do centre's rows), who they are, and the consoles their areas open
// (resource requests, audit trail, organisations, user accounts, the migration board) and their menu entries.
import { Card, Descriptions } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { PageTitle } from '../../components/PageTitle';
import { menuFor } from '../../layout/menu';
import { useI18n, type MessageKey } from '../../i18n';
import { WorkbenchTodo } from './WorkbenchTodo';

export function WorkbenchPage() {
  const { t } = useI18n();
  const { user, areas, mayOpen } = useAuth();
  if (!user) return null;
  const entries = menuFor(areas).filter((e) => e.path !== '/workbench' && e.path !== '/todo');
  return (
    <>
      <PageTitle title={t('workbench.title')} subtitle={t('workbench.welcome', { name: user.displayName })} />
      <WorkbenchTodo />
      <Card className="zy-card">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('workbench.org')}>{user.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('workbench.role')}>{t(`role.${user.role}` as MessageKey)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="zy-card" title={t('workbench.available')}>
        <ul className="zy-plain-list">
          {mayOpen('operator') && (
            <li>
              <Link to="/operator/requests" data-testid="operator-entry">
                {t('workbench.operatorEntry')}
              </Link>
            </li>
          )}
          {mayOpen('audit') && (
            <li>
              <Link to="/audit" data-testid="audit-entry">
                {t('workbench.auditEntry')}
              </Link>
            </li>
          )}
          {mayOpen('orgs') && (
            <li>
              <Link to="/admin/orgs" data-testid="orgs-entry">
                {t('workbench.orgsEntry')}
              </Link>
            </li>
          )}
          {mayOpen('users') && (
            <li>
              <Link to="/admin/users" data-testid="users-entry">
                {t('workbench.usersEntry')}
              </Link>
            </li>
          )}
          <li>
            <Link to="/board" data-testid="board-entry">
              {t('nav.board')}
            </Link>
          </li>
          {entries.map((e) => (
            <li key={e.path + e.label}>
              <Link to={e.path}>{t(e.label)}</Link>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
