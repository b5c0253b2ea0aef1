// The resource lines with the catalog's names and prices, and their annual cost.
import { Table, Typography } from 'antd';
import { catalogCost } from '@projects/validation';
import { findPlan } from '@catalog/view';
import type { CatalogView } from '../../api/catalog';
import type { ResourceLine } from '../../api/projects';
import { formatYuan } from '../../format/money';
import { useI18n } from '../../i18n';

export function LinesTable({ lines, view }: { lines: ResourceLine[]; view: CatalogView | undefined }) {
  const { t, locale } = useI18n();
  const cost = view ? catalogCost(lines, view) : null;
  return (
    <Table<ResourceLine>
      size="small"
      rowKey="lineNo"
      pagination={false}
      dataSource={lines}
      data-testid="lines-table"
      locale={{ emptyText: t('lines.none') }}
      summary={() =>
        cost ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5} align="right">
              <strong>{t('lines.totalCost')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong className="zy-money">{formatYuan(cost.total)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
      columns={[
        { title: t('lines.lineNo'), dataIndex: 'lineNo', width: 70 },
        {
          title: t('lines.plan'),
          key: 'plan',
          render: (_, l) => {
            const f = view ? findPlan(view, l.planCode) : undefined;
            return (
              <>
                {f ? (locale === 'en' ? (f.plan.nameEn ?? f.plan.name) : f.plan.name) : l.planCode} <Typography.Text type="secondary" code>{l.planCode}</Typography.Text>
              </>
            );
          },
        },
        { title: t('lines.quantity'), dataIndex: 'quantity', width: 70, align: 'right', className: 'zy-nowrap' },
        { title: t('catalog.unit'), key: 'unit', width: 90, className: 'zy-nowrap', render: (_, l) => (view ? findPlan(view, l.planCode)?.plan.unit : null) ?? '—' },
        { title: t('lines.purpose'), dataIndex: 'purpose' },
        { title: t('lines.annualCost'), key: 'cost', align: 'right', width: 120, className: 'zy-nowrap', render: (_, l) => <span className="zy-money">{formatYuan(cost?.perLine.find((c) => c.lineNo === l.lineNo)?.amount)}</span> },
      ]}
    />
  );
}
