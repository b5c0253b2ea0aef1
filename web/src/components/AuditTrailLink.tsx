// "操作记录": opens the audit trail filtered to one object (a project with its requests and jobs, a revision, a
// system), for those who may read the trail; nothing for everyone else.
import { HistoryOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';

type Target = { project: string } | { targetType: 'CatalogRevision' | 'MigrationSystem' | 'ResourceRequest'; targetId: string };

export function AuditTrailLink({ target }: { target: Target }) {
  const { t } = useI18n();
  const { mayOpen } = useAuth();
  if (!mayOpen('audit')) return null;
  return (
    <Link to={`/audit?${new URLSearchParams(target).toString()}`} data-testid="audit-trail-link">
      <Button size="small" icon={<HistoryOutlined />}>
        {t('audit.trailLink')}
      </Button>
    </Link>
  );
}
