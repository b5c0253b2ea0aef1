// One resource line: the plan, the quantity, what it is for, and what it costs a year. The validator's
// findings for this line show right under the field they concern.
import { Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { findPlan } from '@catalog/view';
import type { RuleViolation } from '../../../api/errors';
import type { CatalogView } from '../../../api/catalog';
import { formatYuan } from '../../../format/money';
import { useI18n } from '../../../i18n';
import type { NumberedLine } from './draftState';
import { PlanSelect } from './PlanSelect';
import { ViolationHelp } from './ViolationHelp';

interface Props {
  index: number;
  line: NumberedLine;
  view: CatalogView;
  amount: number;
  violations: RuleViolation[];
  onChange(patch: Partial<NumberedLine>): void;
  onRemove(): void;
}

export function LineEditor({ index, line, view, amount, violations, onChange, onRemove }: Props) {
  const { t } = useI18n();
  const found = line.planCode ? findPlan(view, line.planCode) : undefined;
  const on = (field: string) => violations.filter((v) => v.field === `lines.${index}.${field}`);
  // the field at fault turns red; the messages themselves sit in one block under the line, full width
  const status = (vs: RuleViolation[]) => (vs.length ? { validateStatus: 'error' as const } : {});
  const id = (f: string) => `line-${line.key}-${f}`;

  return (
    <div className={'zy-line' + (violations.length ? ' has-error' : '')} data-testid={`line-${line.displayNo}`} data-invalid={violations.length > 0}>
      <div className="zy-line-head">
        <Typography.Text strong>{t('lines.line', { n: line.displayNo })}</Typography.Text>
        <Space>
          <Typography.Text type="secondary">
            {t('lines.annualCost')}{t('punct.colon')}<span className="zy-money">{formatYuan(amount)}</span>
          </Typography.Text>
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('lines.remove', { n: line.displayNo })} />
        </Space>
      </div>
      <Space wrap align="start" size={12}>
        <Form.Item
          label={t('lines.plan')}
          htmlFor={id('plan')}
          extra={found ? t('lines.planInfo', { unit: found.plan.unit, price: formatYuan(found.plan.unitPrice), max: found.plan.maxQuantity ?? t('catalog.noLimit') }) : undefined}
          {...status(on('planCode'))}
        >
          <PlanSelect id={id('plan')} view={view} value={line.planCode} onChange={(planCode) => onChange({ planCode })} status={on('planCode').length ? 'error' : undefined} />
        </Form.Item>
        <Form.Item label={t('lines.quantity')} htmlFor={id('quantity')} {...status(on('quantity'))}>
          <InputNumber id={id('quantity')} min={1} precision={0} style={{ width: 120 }} value={line.quantity} onChange={(quantity) => onChange({ quantity: quantity ?? null })} data-testid={`quantity-${line.displayNo}`} />
        </Form.Item>
        <Form.Item label={t('lines.purpose')} htmlFor={id('purpose')} {...status(on('purpose'))}>
          <Input id={id('purpose')} style={{ width: 260 }} maxLength={500} value={line.purpose} onChange={(e) => onChange({ purpose: e.target.value })} />
        </Form.Item>
      </Space>
      {violations.length > 0 && (
        <div className="zy-line-violations" data-testid={`line-${line.displayNo}-violations`}>
          <ViolationHelp violations={violations} />
        </div>
      )}
    </div>
  );
}
