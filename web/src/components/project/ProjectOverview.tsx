// A project's basics as reviewers and the department read them.
import { Descriptions, Tag } from 'antd';
import type { Project } from '../../api/projects';
import { formatDateTime } from '../../format/dates';
import { formatYuan } from '../../format/money';
import { useI18n, type MessageKey } from '../../i18n';
import { JurisdictionName } from '../JurisdictionFilter';
import { StatusTag } from '../StatusTag';

export function ProjectOverview({ project: p }: { project: Project }) {
  const { t } = useI18n();
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xxl: 3 }} data-testid="project-overview">
      <Descriptions.Item label={t('project.code')}>{p.code}</Descriptions.Item>
      <Descriptions.Item label={t('project.status')}><StatusTag status={p.status} /></Descriptions.Item>
      <Descriptions.Item label={t('project.org')}>{p.org.name}</Descriptions.Item>
      <Descriptions.Item label={t('project.jurisdiction')}>
        <span data-testid="project-jurisdiction">
          <JurisdictionName code={p.jurisdiction} />
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('project.type')}>{t(`projectType.${p.type}` as MessageKey)}</Descriptions.Item>
      <Descriptions.Item label={t('project.budgetYear')}>{p.budgetYear}</Descriptions.Item>
      <Descriptions.Item label={t('project.totalBudget')}><span className="zy-money">{formatYuan(p.totalBudget)}</span></Descriptions.Item>
      <Descriptions.Item label={t('project.approvedBudget')}><span className="zy-money">{formatYuan(p.approvedBudget)}</span></Descriptions.Item>
      <Descriptions.Item label={t('wizard.catalogRevision')}>{t('catalog.revisionLabel', { n: p.catalogRevision })}</Descriptions.Item>
      <Descriptions.Item label={t('project.submittedAt')}>{formatDateTime(p.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('project.establishedAt')}>{formatDateTime(p.establishedAt)}</Descriptions.Item>
      {p.approvalNumber && <Descriptions.Item label={t('project.approvalNumber')}>{p.approvalNumber}</Descriptions.Item>}
      {(p.emergency || p.privateNetwork) && (
        <Descriptions.Item label={t('project.specialCases')}>
          {p.emergency && <Tag color="orange">{t('project.emergency')}{t('punct.colon')}{p.emergencyConsentRef ?? '—'}</Tag>}
          {p.privateNetwork && <Tag color="orange">{t('project.privateNetwork')}{t('punct.colon')}{p.privateNetworkApprovalRef ?? '—'}</Tag>}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('project.description')} span="filled">
        <div style={{ whiteSpace: 'pre-wrap' }}>{p.description || '—'}</div>
      </Descriptions.Item>
      <Descriptions.Item label={t('project.components')} span="filled">
        {p.components.length ? (
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {p.components.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('project.performanceGoals')} span="filled">
        {p.performanceGoals.length ? p.performanceGoals.map((g, i) => <div key={i}>{g.indicator}{t('punct.colon')}{g.target}</div>) : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
