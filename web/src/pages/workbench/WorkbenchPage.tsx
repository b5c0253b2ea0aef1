// The landing page for roles whose own consoles come in part 2 (operator, administrators, auditor): who they
// are, and what they can already use here.
import { Card, Descriptions } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { PageTitle } from '../../components/PageTitle';
import { menuFor } from '../../layout/menu';
import { useI18n, type MessageKey } from '../../i18n';

export function WorkbenchPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user) return null;
  const entries = menuFor(user.role).filter((e) => e.path !== '/workbench');
  return (
    <>
      <PageTitle title={t('workbench.title')} subtitle={t('workbench.welcome', { name: user.displayName })} />
      <Card className="zy-card">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('workbench.org')}>{user.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('workbench.role')}>{t(`role.${user.role}` as MessageKey)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="zy-card" title={t('workbench.available')}>
        <ul className="zy-plain-list">
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
