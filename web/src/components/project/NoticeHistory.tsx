// The public notices of a project and the objections raised against them.
import { Descriptions } from 'antd';
import type { ProjectNotice } from '../../api/projects';
import { formatDate, formatDateTime } from '../../format/dates';
import { formatYuan } from '../../format/money';
import { useI18n } from '../../i18n';
import { EmptyState } from '../PageState';

export function NoticeHistory({ notices }: { notices: ProjectNotice[] }) {
  const { t } = useI18n();
  if (notices.length === 0) return <EmptyState description={t('notices.noneForProject')} />;
  return (
    <>
      {notices.map((n) => (
        <Descriptions key={n.id} title={n.title} size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('notices.amount')}><span className="zy-money">{formatYuan(n.amount)}</span></Descriptions.Item>
          <Descriptions.Item label={t('notices.period')}>{t('notices.periodValue', { start: formatDate(n.startDate), end: formatDate(n.endDate) })}</Descriptions.Item>
          <Descriptions.Item label={t('notices.closedAt')}>{formatDateTime(n.closedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('notices.objections')} span={3}>
            {n.objections.length === 0 ? (
              t('notices.noObjections')
            ) : (
              <ul className="zy-plain-list">
                {n.objections.map((o) => (
                  <li key={o.id}>
                    {o.submitter}{t('punct.open')}{formatDateTime(o.at)}{t('punct.close')}{t('punct.colon')}{o.content}
                    {o.resolution ? ` —— ${t('notices.resolution')}${t('punct.colon')}${o.resolution}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </Descriptions.Item>
        </Descriptions>
      ))}
    </>
  );
}
