// The assessment questionnaire on the full board: per 6R strategy and per risk level, how many systems the answers
// propose and how many the sub-center confirmed. Risk is not public: the public board has no such block.
import { Table, Typography } from 'antd';
import type { MigrationBoard } from '../../api/board';
import { useI18n, type MessageKey } from '../../i18n';

type Assessment = NonNullable<MigrationBoard['assessment']>;

export function AssessmentTables({ assessment: a }: { assessment: Assessment }) {
  const { t } = useI18n();
  const counts = [
    { title: t('questionnaire.boardProposed'), dataIndex: 'proposed', align: 'right' as const },
    { title: t('questionnaire.boardConfirmed'), dataIndex: 'confirmed', align: 'right' as const },
  ];
  return (
    <div data-testid="board-assessment">
      <Typography.Paragraph style={{ color: 'inherit' }}>{t('questionnaire.boardHint', { answered: a.answered, confirmed: a.confirmed, overridden: a.overridden })}</Typography.Paragraph>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <Table
          size="small"
          pagination={false}
          rowKey="strategy"
          style={{ flex: 3, minWidth: 280 }}
          dataSource={a.byStrategy}
          data-testid="board-assessment-strategies"
          columns={[{ title: t('questionnaire.boardStrategy'), dataIndex: 'strategy', render: (s: string) => t(`migration.strategy.${s}` as MessageKey) }, ...counts]}
        />
        <Table
          size="small"
          pagination={false}
          rowKey="risk"
          style={{ flex: 2, minWidth: 220 }}
          dataSource={a.byRisk}
          data-testid="board-assessment-risks"
          columns={[{ title: t('questionnaire.boardRisk'), dataIndex: 'risk', render: (l: string) => t(`register.level.${l}` as MessageKey) }, ...counts]}
        />
      </div>
    </div>
  );
}
