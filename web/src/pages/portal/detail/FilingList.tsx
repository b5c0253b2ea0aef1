// Filings made so far, with their content in readable form.
import { Descriptions, Table, Tag } from 'antd';
import type { Filing } from '../../../api/projects';
import { formatDateTime } from '../../../format/dates';
import { formatYuan } from '../../../format/money';
import { useI18n, type MessageKey } from '../../../i18n';
import { EmptyState } from '../../../components/PageState';

const MONEY = new Set(['amount', 'fundsUsed']);
/** references to other records (a deadline, a notice) mean nothing to a reader */
const isReference = (k: string) => /Id$/.test(k);
const isLine = (v: unknown): v is { planCode: string; quantity: number } =>
  typeof v === 'object' && v !== null && 'planCode' in v && 'quantity' in v;

export function FilingList({ filings }: { filings: Filing[] }) {
  const { t } = useI18n();
  if (filings.length === 0) return <EmptyState description={t('filings.none')} />;
  const label = (k: string) => {
    const key = `filings.${k}` as MessageKey;
    const s = t(key);
    return s === key ? k : s;
  };
  const show = (k: string, v: unknown): string =>
    k === 'catalogRevision' && typeof v === 'number'
      ? t('catalog.revisionLabel', { n: v })
      : Array.isArray(v) && v.every(isLine)
        ? v.map((l) => `${l.planCode} × ${l.quantity}`).join(t('punct.comma'))
        : Array.isArray(v)
          ? v.map((x) => show('', x)).join(t('punct.semicolon'))
          : MONEY.has(k) && typeof v === 'number' ? formatYuan(v) : typeof v === 'boolean' ? (v ? t('common.yes') : t('common.no')) : typeof v === 'object' && v ? Object.entries(v).map(([a, b]): string => `${label(a)}${t('punct.colon')}${show(a, b)}`).join(t('punct.semicolon')) : String(v ?? '—');
  return (
    <Table<Filing>
      size="small"
      data-testid="filing-list"
      rowKey="id"
      pagination={false}
      dataSource={filings}
      columns={[
        { title: t('filings.kindColumn'), dataIndex: 'kind', width: 140, render: (k: string) => <Tag>{t(`filings.kind.${k}` as MessageKey)}</Tag> },
        { title: t('filings.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
        {
          title: t('filings.content'),
          key: 'data',
          render: (_, f) => (
            <Descriptions size="small" column={1}>
              {Object.entries(f.data).filter(([k]) => !isReference(k)).map(([k, v]) => (
                <Descriptions.Item key={k} label={label(k)}>{show(k, v)}</Descriptions.Item>
              ))}
            </Descriptions>
          ),
        },
      ]}
    />
  );
}
