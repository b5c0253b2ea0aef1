// What a change request (Art. 15) changes in the resource lines: per plan, the current and the requested
// quantity, purpose and annual cost, each row marked added, removed, changed or unchanged; totals below.
import { Table, Tag, Typography } from 'antd';
import { catalogCost } from '@projects/validation';
import { findPlan } from '@catalog/view';
import type { CatalogView } from '../../api/catalog';
import { formatYuan } from '../../format/money';
import { useI18n } from '../../i18n';

export interface PlainLine {
  planCode: string;
  quantity: number;
  purpose: string;
}

type Kind = 'ADDED' | 'REMOVED' | 'CHANGED' | 'UNCHANGED';
interface Side {
  quantity: number;
  purpose: string;
  amount: number | null;
}
interface Row {
  planCode: string;
  kind: Kind;
  name: string;
  before?: Side;
  after?: Side;
}

const KIND_COLORS: Record<Kind, string> = { ADDED: 'green', REMOVED: 'red', CHANGED: 'orange', UNCHANGED: 'default' };

/** The lines summed per plan (a plan normally has one line), with their annual cost in `view`. */
function perPlan(lines: readonly PlainLine[], view: CatalogView | undefined, separator: string): Map<string, Side> {
  const cost = view ? catalogCost(lines.map((l, i) => ({ ...l, lineNo: i + 1 })), view) : null;
  const out = new Map<string, Side>();
  lines.forEach((l, i) => {
    const amount = cost ? (cost.perLine[i]?.amount ?? 0) : null;
    const had = out.get(l.planCode);
    out.set(
      l.planCode,
      had
        ? { quantity: had.quantity + l.quantity, purpose: [had.purpose, l.purpose].join(separator), amount: had.amount === null || amount === null ? null : had.amount + amount }
        : { quantity: l.quantity, purpose: l.purpose, amount },
    );
  });
  return out;
}

function lineChanges(current: readonly PlainLine[], requested: readonly PlainLine[], views: { current?: CatalogView; requested?: CatalogView }, planName: (view: CatalogView | undefined, code: string) => string, separator: string): Row[] {
  const before = perPlan(current, views.current, separator);
  const after = perPlan(requested, views.requested, separator);
  const codes = [...new Set([...before.keys(), ...after.keys()])];
  return codes.map((planCode) => {
    const b = before.get(planCode);
    const a = after.get(planCode);
    const kind: Kind = !b ? 'ADDED' : !a ? 'REMOVED' : b.quantity !== a.quantity || b.purpose.trim() !== a.purpose.trim() ? 'CHANGED' : 'UNCHANGED';
    return { planCode, kind, name: planName(a ? views.requested : views.current, planCode), before: b, after: a };
  });
}

export function LineChangesTable({ current, requested, currentView, requestedView }: { current: readonly PlainLine[]; requested: readonly PlainLine[]; currentView?: CatalogView; requestedView?: CatalogView }) {
  const { t, locale } = useI18n();
  const planName = (view: CatalogView | undefined, code: string) => {
    const f = view ? findPlan(view, code) : undefined;
    return f ? (locale === 'en' ? (f.plan.nameEn ?? f.plan.name) : f.plan.name) : code;
  };
  const rows = lineChanges(current, requested, { current: currentView, requested: requestedView }, planName, t('punct.semicolon'));
  const total = (side: 'before' | 'after') => (rows.some((r) => r[side] && r[side].amount === null) ? null : rows.reduce((s, r) => s + (r[side]?.amount ?? 0), 0));
  const totalBefore = total('before');
  const totalAfter = total('after');
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Table<Row>
      size="small"
      rowKey="planCode"
      pagination={false}
      dataSource={rows}
      data-testid="line-changes"
      onRow={(r) => ({ 'data-testid': `change-${r.planCode}`, 'data-kind': r.kind }) as React.HTMLAttributes<HTMLElement>}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('lineChanges.change'), key: 'kind', width: 80, render: (_, r) => <Tag color={KIND_COLORS[r.kind]}>{t(`lineChanges.kind.${r.kind}`)}</Tag> },
        {
          title: t('lines.plan'),
          key: 'plan',
          render: (_, r) => (
            <>
              {r.name} <Typography.Text type="secondary" code>{r.planCode}</Typography.Text>
            </>
          ),
        },
        { title: t('lineChanges.currentQuantity'), key: 'before', align: 'right', width: 90, render: (_, r) => r.before?.quantity ?? dash },
        {
          title: t('lineChanges.requestedQuantity'),
          key: 'after',
          align: 'right',
          width: 90,
          render: (_, r) => (r.after ? <Typography.Text strong={r.kind !== 'UNCHANGED'}>{r.after.quantity}</Typography.Text> : dash),
        },
        {
          title: t('lines.purpose'),
          key: 'purpose',
          render: (_, r) =>
            r.before && r.after && r.before.purpose.trim() !== r.after.purpose.trim() ? (
              <>
                <del aria-label={t('lineChanges.was', { text: r.before.purpose })}>{r.before.purpose}</del> → {r.after.purpose}
              </>
            ) : (
              (r.after ?? r.before)?.purpose
            ),
        },
        { title: t('lineChanges.currentCost'), key: 'costBefore', align: 'right', width: 120, className: 'zy-nowrap', render: (_, r) => (r.before ? <span className="zy-money">{formatYuan(r.before.amount)}</span> : dash) },
        { title: t('lineChanges.requestedCost'), key: 'costAfter', align: 'right', width: 120, className: 'zy-nowrap', render: (_, r) => (r.after ? <span className="zy-money">{formatYuan(r.after.amount)}</span> : dash) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={5} align="right">
            <strong>{t('lines.totalCost')}</strong>
            {totalBefore !== null && totalAfter !== null && totalAfter !== totalBefore && (
              <Typography.Text type="secondary">{t('punct.open')}{t('lineChanges.difference', { amount: `${totalAfter > totalBefore ? '+' : ''}${formatYuan(totalAfter - totalBefore)}` })}{t('punct.close')}</Typography.Text>
            )}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right"><span className="zy-money" data-testid="cost-before">{formatYuan(totalBefore)}</span></Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right"><strong className="zy-money" data-testid="cost-after">{formatYuan(totalAfter)}</strong></Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
