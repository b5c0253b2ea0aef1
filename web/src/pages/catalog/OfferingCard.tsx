// One offering of the catalog with its plans; plans can be ticked for comparison.
import { Card, Checkbox, Table, Tag, Typography } from 'antd';
import type { OfferingView, PlanView } from '../../api/catalog';
import { formatYuan } from '../../format/money';
import { useI18n, type MessageKey } from '../../i18n';
import { specSummary, xinchuangText } from './specText';

interface Props {
  offering: OfferingView;
  plans: PlanView[];
  selected: string[];
  onToggle(planCode: string): void;
  canSelectMore: boolean;
}

export function OfferingCard({ offering, plans, selected, onToggle, canSelectMore }: Props) {
  const { t, locale } = useI18n();
  const name = (x: { name: string; nameEn: string | null }) => (locale === 'en' ? (x.nameEn ?? x.name) : x.name);
  return (
    <Card
      className="zy-card"
      data-testid={`offering-${offering.code}`}
      title={
        <span>
          <Tag color="blue">{offering.category}</Tag>
          {name(offering)}
          {offering.sharedService && <Tag color="gold" style={{ marginLeft: 8 }}>{t('catalog.sharedService')}</Tag>}
        </span>
      }
      extra={<Typography.Text type="secondary">{t(`catalog.provisioner.${offering.provisioner}` as MessageKey)}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }}>
        {offering.description}
      </Typography.Paragraph>
      <Table<PlanView>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={plans}
        scroll={{ x: 900 }}
        columns={[
          {
            title: <span className="visually-hidden">{t('catalog.compare')}</span>,
            key: 'pick',
            width: 48,
            render: (_, p) => (
              <Checkbox
                aria-label={t('catalog.pickForCompare', { plan: name(p) })}
                checked={selected.includes(p.code)}
                disabled={!selected.includes(p.code) && !canSelectMore}
                onChange={() => onToggle(p.code)}
              />
            ),
          },
          { title: t('catalog.plan'), key: 'name', render: (_, p) => <><div>{name(p)}</div><Typography.Text type="secondary" code>{p.code}</Typography.Text></> },
          { title: t('catalog.spec'), key: 'spec', render: (_, p) => specSummary(p, t) },
          { title: t('catalog.xinchuang'), key: 'xc', render: (_, p) => (p.xinchuang.certified ? <Tag color="red">{xinchuangText(p, t)}</Tag> : <Typography.Text type="secondary">{xinchuangText(p, t)}</Typography.Text>) },
          { title: t('catalog.unit'), dataIndex: 'unit', width: 90 },
          { title: t('catalog.price'), key: 'price', align: 'right', width: 130, render: (_, p) => <span className="zy-money">{formatYuan(p.unitPrice)}</span> },
          { title: t('catalog.maxQuantity'), key: 'max', align: 'right', width: 110, render: (_, p) => p.maxQuantity ?? t('catalog.noLimit') },
        ]}
      />
    </Card>
  );
}
