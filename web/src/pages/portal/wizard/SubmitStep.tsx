// Step 5: everything at a glance, every remaining problem (live, and the server's answer if it refused), submit.
import { Alert, Button, Descriptions, Space } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { RuleViolation } from '../../../api/errors';
import type { Project } from '../../../api/projects';
import { ViolationList } from '../../../components/ViolationList';
import { formatYuan } from '../../../format/money';
import { useI18n } from '../../../i18n';

interface Props {
  project: Project | null;
  name: string;
  budget: number | null;
  cost: number;
  lineCount: number;
  resourceCount: number;
  live: RuleViolation[];
  server: RuleViolation[] | null;
  busy: boolean;
  onSubmit(): void;
}

export function SubmitStep({ project, name, budget, cost, lineCount, resourceCount, live, server, busy, onSubmit }: Props) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('project.name')}>{name}</Descriptions.Item>
        <Descriptions.Item label={t('project.code')}>{project?.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('project.totalBudget')}><span className="zy-money">{formatYuan(budget)}</span></Descriptions.Item>
        <Descriptions.Item label={t('lines.totalCost')}><span className="zy-money">{formatYuan(cost)}</span></Descriptions.Item>
        <Descriptions.Item label={t('wizard.lineCount')}>{lineCount}</Descriptions.Item>
        <Descriptions.Item label={t('wizard.resourceCount')}>{resourceCount}</Descriptions.Item>
        <Descriptions.Item label={t('wizard.documentCount')}>{project?.documents.length ?? 0}</Descriptions.Item>
        <Descriptions.Item label={t('wizard.catalogRevision')}>{project ? t('catalog.revisionLabel', { n: project.catalogRevision }) : '—'}</Descriptions.Item>
      </Descriptions>
      {server && server.length > 0 && <ViolationList violations={server} title={t('wizard.serverRefused', { n: server.length })} testId="server-violations" />}
      {live.length > 0 ? (
        <ViolationList violations={live} testId="live-violations" />
      ) : (
        <Alert type="success" showIcon title={t('wizard.allRulesMet')} data-testid="all-rules-met" />
      )}
      <Button type="primary" size="large" icon={<SendOutlined />} loading={busy} onClick={onSubmit} data-testid="submit-project">
        {t('wizard.submit')}
      </Button>
    </Space>
  );
}
