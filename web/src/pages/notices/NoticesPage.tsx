// Open public notices of fund allocations (Art. 10), readable without signing in, each open to objections; searched
// by project or unit, filtered by jurisdiction, and exported as shown (kept in the address), without signing in too.
import { useState } from 'react';
import { Button, Card, Descriptions, Typography } from 'antd';
import { fetchNotices } from '../../api/notices';
import { JurisdictionFilter } from '../../components/JurisdictionFilter';
import { ListToolbar, useListExport } from '../../components/ListToolbar';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format/dates';
import { formatYuan } from '../../format/money';
import { useApiData } from '../../hooks/useApiData';
import { useListParams } from '../../hooks/useListParams';
import { useI18n } from '../../i18n';
import { ObjectionForm } from './ObjectionForm';

export function NoticesPage() {
  const { t } = useI18n();
  const exportOf = useListExport();
  const list = useListParams(['jurisdiction'] as const);
  const query = list.query;
  const notices = useApiData((signal) => fetchNotices(signal, query), [JSON.stringify(query)]);
  const [objecting, setObjecting] = useState<string | null>(null);
  return (
    <>
      <PageTitle title={t('notices.title')} subtitle={t('notices.subtitle')} />
      <ListToolbar
        list={list}
        placeholder={t('list.noticeSearch')}
        testId="notices"
        exporting={exportOf('/api/notices/export', query, t('list.noticesFile'))}
      >
        <JurisdictionFilter value={list.filters.jurisdiction} onChange={(v) => list.setFilter('jurisdiction', v)} />
      </ListToolbar>
      <PageState state={notices} isEmpty={(d) => d.items.length === 0} empty={<Card><EmptyState description={t('notices.none')} /></Card>}>
        {(d) =>
          d.items.map((n) => (
            <Card key={n.id} className="zy-card" title={n.title} data-testid={`notice-${n.project.code}`}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('notices.project')}>{n.project.name}{t('punct.open')}{n.project.code}{t('punct.close')}</Descriptions.Item>
                <Descriptions.Item label={t('notices.org')}>{n.project.orgName}</Descriptions.Item>
                <Descriptions.Item label={t('notices.amount')}><span className="zy-money">{formatYuan(n.amount)}</span></Descriptions.Item>
                <Descriptions.Item label={t('notices.period')}>{t('notices.periodValue', { start: formatDate(n.startDate), end: formatDate(n.endDate) })}</Descriptions.Item>
                <Descriptions.Item label={t('notices.objections')}>{n.objections}</Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.content}</Typography.Paragraph>
              {objecting === n.id ? (
                <ObjectionForm noticeId={n.id} onDone={notices.reload} />
              ) : (
                <Button onClick={() => setObjecting(n.id)}>{t('notices.raiseObjection')}</Button>
              )}
            </Card>
          ))
        }
      </PageState>
    </>
  );
}
