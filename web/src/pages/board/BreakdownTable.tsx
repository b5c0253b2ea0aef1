// One board breakdown as a table: a line per row with its counts (status by status; data volume and O&M cost in the
// full view), sortable by any number, and a total line from the board's totals, which every breakdown adds up to.
import { Table } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { MIGRATION_STATES, type BoardCounts, type MigrationBoard } from '../../api/board';
import { useI18n, type MessageKey } from '../../i18n';

type Counted = BoardCounts & Record<string, unknown>;

export interface BreakdownTableProps<R extends Counted> {
  rows: R[];
  rowKey: (r: R) => string;
  /** the columns naming a row (a name, a kind…), before the counts */
  leading: ColumnsType<R>;
  totals: MigrationBoard['totals'];
  view: MigrationBoard['view'];
  testId: string;
  pageSize?: number;
  /** more columns after the name (e.g. how many organisations) */
  extra?: ColumnsType<R>;
  /** the total line (off while the rows are filtered: it would no longer be their sum) */
  showTotal?: boolean;
}

const num = (n: number | undefined) => (n ?? 0).toLocaleString();

export function BreakdownTable<R extends Counted>({ rows, rowKey, leading, totals, view, testId, pageSize, extra = [], showTotal = true }: BreakdownTableProps<R>) {
  const { t } = useI18n();
  const count = (title: string, value: (r: BoardCounts) => number | undefined, key: string): ColumnType<R> => ({
    key,
    title,
    align: 'right',
    sorter: (a, b) => (value(a) ?? 0) - (value(b) ?? 0),
    render: (_: unknown, r: R) => num(value(r)),
  });
  const counts: [string, (r: BoardCounts) => number | undefined, string][] = [
    [t('board.systems'), (r) => r.systems, 'systems'],
    ...MIGRATION_STATES.map((s): [string, (r: BoardCounts) => number | undefined, string] => [t(`migration.status.${s}` as MessageKey), (r) => r.byStatus[s], s]),
    [t('board.exemptShort'), (r) => r.exempt, 'exempt'],
    [t('board.outsideShort'), (r) => r.outsideCityCloud, 'outside'],
    [t('board.migratedShort'), (r) => r.migrated, 'migrated'],
    [t('board.retiredShort'), (r) => r.retired, 'retired'],
    ...(view === 'full'
      ? ([
          [t('board.volumeGb'), (r) => r.outsideDataVolumeGb, 'volume'],
          [t('board.omCost'), (r) => r.outsideAnnualOmCost, 'cost'],
        ] as [string, (r: BoardCounts) => number | undefined, string][])
      : []),
  ];
  const columns: ColumnsType<R> = [...leading, ...extra, ...counts.map(([title, value, key]) => count(title, value, key))];
  const summary = (): ReactNode => (
    <Table.Summary fixed>
      <Table.Summary.Row data-testid={`${testId}-total`}>
        <Table.Summary.Cell index={0} colSpan={leading.length + extra.length}>
          <strong>{t('board.total')}</strong>
        </Table.Summary.Cell>
        {counts.map(([, value, key], i) => (
          <Table.Summary.Cell key={key} index={leading.length + extra.length + i} align="right">
            <strong>{num(value(totals))}</strong>
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );
  return (
    <div data-testid={testId}>
      <Table<R>
        size="small"
        rowKey={rowKey}
        dataSource={rows}
        columns={columns}
        pagination={pageSize ? { pageSize, hideOnSinglePage: true, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        summary={showTotal ? summary : undefined}
      />
    </div>
  );
}
