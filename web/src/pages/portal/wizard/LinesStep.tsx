// Step 4: the cloud resources, picked from the catalog, checked live by the server's own validator.
import { Button, Form, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RuleViolation } from '../../../api/errors';
import type { CatalogView } from '../../../api/catalog';
import { ViolationList } from '../../../components/ViolationList';
import { useI18n } from '../../../i18n';
import { newKey, type LineRow, type NumberedLine } from './draftState';
import { CostSummary } from './CostSummary';
import { LineEditor } from './LineEditor';

interface Props {
  lines: NumberedLine[];
  view: CatalogView;
  onChange(rows: LineRow[]): void;
  violations: Map<number, RuleViolation[]>;
  listViolations: RuleViolation[];
  budgetViolations: RuleViolation[];
  perLine: { lineNo: number; amount: number }[];
  total: number;
  budget: number | null;
}

export function LinesStep({ lines, view, onChange, violations, listViolations, budgetViolations, perLine, total, budget }: Props) {
  const { t } = useI18n();
  const strip = (rows: NumberedLine[]): LineRow[] => rows.map(({ displayNo: _d, ...r }) => r);
  const set = (i: number, patch: Partial<NumberedLine>) => onChange(strip(lines.map((l, j) => (j === i ? { ...l, ...patch } : l))));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('lines.hint', { rev: view.revision.number })}</Typography.Paragraph>
      <CostSummary cost={total} budget={budget} budgetViolations={budgetViolations} />
      {listViolations.length > 0 && <ViolationList violations={listViolations} testId="line-list-violations" />}
      <Form layout="vertical" component="div" style={{ marginTop: 12 }}>
        {lines.map((l, i) => (
          <LineEditor
            key={l.key}
            index={i}
            line={l}
            view={view}
            amount={perLine[i]?.amount ?? 0}
            violations={violations.get(i) ?? []}
            onChange={(patch) => set(i, patch)}
            onRemove={() => onChange(strip(lines.filter((_, j) => j !== i)))}
          />
        ))}
      </Form>
      <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...strip(lines), { key: newKey(), quantity: 1, purpose: '' }])} data-testid="add-line">
        {t('lines.add')}
      </Button>
    </>
  );
}
