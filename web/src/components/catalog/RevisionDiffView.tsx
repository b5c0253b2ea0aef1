// "What changed" in a catalog revision: added, changed (field by field, old → new), retired, reinstated, removed.
import { Card, Collapse, Empty, Table, Tag, Typography } from 'antd';
import type { CatalogDiff, DiffEntry } from '../../api/catalog';
import { useI18n, type MessageKey } from '../../i18n';
import { diffRows, type DiffRow } from './diffRows';

const SECTIONS: { key: keyof Omit<CatalogDiff, 'from' | 'to'>; color: string }[] = [
  { key: 'added', color: 'green' },
  { key: 'changed', color: 'blue' },
  { key: 'retired', color: 'red' },
  { key: 'reinstated', color: 'cyan' },
  { key: 'removed', color: 'default' },
];

function EntryTitle({ e }: { e: DiffEntry }) {
  const { t } = useI18n();
  return (
    <span>
      <Tag>{t(e.kind === 'offering' ? 'diff.kind.offering' : 'diff.kind.plan')}</Tag>
      <strong>{e.name}</strong> <Typography.Text type="secondary" code>{e.code}</Typography.Text>
    </span>
  );
}

function Changes({ e }: { e: DiffEntry }) {
  const { t } = useI18n();
  const rows = diffRows(e.changes, t);
  return (
    <Table<DiffRow>
      size="small"
      pagination={false}
      rowKey="label"
      dataSource={rows}
      columns={[
        { title: t('diff.column.field'), dataIndex: 'label', width: 200 },
        { title: t('diff.column.from'), dataIndex: 'from', render: (v: string) => <span className="zy-diff-from">{v}</span> },
        { title: t('diff.column.to'), dataIndex: 'to', render: (v: string) => <span className="zy-diff-to">{v}</span> },
      ]}
    />
  );
}

export function RevisionDiffView({ diff }: { diff: CatalogDiff }) {
  const { t } = useI18n();
  const total = SECTIONS.reduce((n, s) => n + diff[s.key].length, 0);
  // the first revision has nothing before it to compare with
  if (diff.from === diff.to) return <Empty description={t('diff.initial', { to: diff.to })} />;
  if (total === 0) return <Empty description={t('diff.noChanges', { from: diff.from, to: diff.to })} />;
  return (
    <div data-testid="revision-diff">
      <Typography.Paragraph>{t('diff.summary', { from: diff.from, to: diff.to, n: total })}</Typography.Paragraph>
      {SECTIONS.filter((s) => diff[s.key].length > 0).map((s) => (
        <Card
          key={s.key}
          size="small"
          className="zy-card"
          title={
            <span>
              <Tag color={s.color}>{t(`diff.section.${s.key}` as MessageKey)}</Tag>
              {t('diff.items', { n: diff[s.key].length })}
            </span>
          }
        >
          {s.key === 'changed' ? (
            <Collapse
              defaultActiveKey={diff.changed.slice(0, 5).map((e) => e.kind + e.code)}
              items={diff.changed.map((e) => ({ key: e.kind + e.code, label: <EntryTitle e={e} />, children: <Changes e={e} /> }))}
            />
          ) : (
            <ul className="zy-plain-list">
              {diff[s.key].map((e) => (
                <li key={e.kind + e.code}>
                  <EntryTitle e={e} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </div>
  );
}
