// The latest change request of a project (Art. 15): when and why it was made, and what it changes in the
// resource lines, each side priced in its own catalog revision. GIA decides on it; the department waits for it.
import { Descriptions } from 'antd';
import type { ChangeRequestData, Project } from '../../api/projects';
import { formatDateTime } from '../../format/dates';
import { useCatalogView } from '../../hooks/useCatalogView';
import { useI18n } from '../../i18n';
import { EmptyState } from '../PageState';
import { LineChangesTable } from './LineChangesTable';

/** The most recent CHANGE_REQUEST filing (filings come oldest first). */
export function latestChangeRequest(p: Pick<Project, 'filings'>): { at: string; data: ChangeRequestData } | undefined {
  const f = p.filings.filter((x) => x.kind === 'CHANGE_REQUEST').at(-1);
  return f ? { at: f.at, data: f.data as unknown as ChangeRequestData } : undefined;
}

export function ChangeRequestSummary({ project: p }: { project: Project }) {
  const { t } = useI18n();
  const request = latestChangeRequest(p);
  const currentView = useCatalogView(p.catalogRevision);
  const requestedView = useCatalogView(request?.data.catalogRevision ?? p.catalogRevision);
  if (!request) return <EmptyState description={t('changeRequest.none')} />;
  return (
    <div data-testid="change-request-summary">
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('changeRequest.reason')}>
          <span style={{ whiteSpace: 'pre-wrap' }} data-testid="change-reason">{request.data.reason}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('changeRequest.requestedAt')}>{formatDateTime(request.at)}</Descriptions.Item>
        <Descriptions.Item label={t('wizard.catalogRevision')}>{t('changeRequest.revisions', { from: p.catalogRevision, to: request.data.catalogRevision })}</Descriptions.Item>
      </Descriptions>
      <LineChangesTable current={p.lines} requested={request.data.lines} currentView={currentView.data} requestedView={requestedView.data} />
    </div>
  );
}
