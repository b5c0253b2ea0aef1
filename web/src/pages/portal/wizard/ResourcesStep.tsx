// Step 3: the information resource catalog (Art. 27): what the project needs and what it produces, each with
// source, format, update frequency, sharing and open attributes. Violations show on the row they concern.
import { Alert, Button, Form, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { RuleViolation } from '../../../api/errors';
import { ViolationList } from '../../../components/ViolationList';
import { useI18n } from '../../../i18n';
import { newKey, type ResourceRow } from './draftState';
import { violationStatus } from './ViolationHelp';

interface Props {
  rows: ResourceRow[];
  onChange(rows: ResourceRow[]): void;
  violations: Map<number, RuleViolation[]>;
  catalogViolations: RuleViolation[];
}

const TEXT_FIELDS = ['name', 'source', 'format', 'updateFrequency'] as const;

export function ResourcesStep({ rows, onChange, violations, catalogViolations }: Props) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<ResourceRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = (direction: ResourceRow['direction']) =>
    onChange([...rows, { key: newKey(), direction, name: '', source: '', format: '', updateFrequency: '', sharing: 'CONDITIONAL', openness: 'NOT_OPEN' }]);
  const fieldViolations = (i: number, field: string) => violations.get(i)?.filter((v) => v.field === `informationResources.${i}.${field}`);

  return (
    <>
      <Typography.Paragraph type="secondary">{t('resources.hint')}</Typography.Paragraph>
      {catalogViolations.length > 0 && <ViolationList violations={catalogViolations} testId="resource-catalog-violations" />}
      {rows.length === 0 && <Alert type="info" showIcon title={t('resources.empty')} style={{ margin: '12px 0' }} />}
      <Form layout="vertical" component="div">
        {rows.map((r, i) => (
          <div key={r.key} className={'zy-line' + (violations.get(i)?.length ? ' has-error' : '')} data-testid={`resource-${i + 1}`}>
            <div className="zy-line-head">
              <Typography.Text strong>{t('resources.row', { n: i + 1 })}</Typography.Text>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('resources.remove', { n: i + 1 })} />
            </div>
            <Space wrap align="start" size={12}>
              <Form.Item label={t('resources.direction')} htmlFor={`res-${r.key}-direction`} {...violationStatus(fieldViolations(i, 'direction'))}>
                <Select
                  id={`res-${r.key}-direction`}
                  style={{ width: 150 }}
                  value={r.direction}
                  onChange={(direction) => set(i, { direction })}
                  options={[
                    { value: 'NEEDED', label: t('resources.NEEDED') },
                    { value: 'PRODUCED', label: t('resources.PRODUCED') },
                  ]}
                />
              </Form.Item>
              {TEXT_FIELDS.map((f) => (
                <Form.Item key={f} label={t(`resources.${f}`)} htmlFor={`res-${r.key}-${f}`} {...violationStatus(fieldViolations(i, f))}>
                  <Input id={`res-${r.key}-${f}`} style={{ width: f === 'name' ? 220 : 160 }} value={r[f]} onChange={(e) => set(i, { [f]: e.target.value })} />
                </Form.Item>
              ))}
              <Form.Item label={t('resources.sharing')} htmlFor={`res-${r.key}-sharing`} {...violationStatus(fieldViolations(i, 'sharing'))}>
                <Select
                  id={`res-${r.key}-sharing`}
                  style={{ width: 150 }}
                  value={r.sharing}
                  onChange={(sharing) => set(i, { sharing })}
                  options={(['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHAREABLE'] as const).map((v) => ({ value: v, label: t(`resources.sharing.${v}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('resources.openness')} htmlFor={`res-${r.key}-openness`} {...violationStatus(fieldViolations(i, 'openness'))}>
                <Select
                  id={`res-${r.key}-openness`}
                  style={{ width: 150 }}
                  value={r.openness}
                  onChange={(openness) => set(i, { openness })}
                  options={(['OPEN', 'CONDITIONAL', 'NOT_OPEN'] as const).map((v) => ({ value: v, label: t(`resources.openness.${v}`) }))}
                />
              </Form.Item>
            </Space>
          </div>
        ))}
      </Form>
      <Space>
        <Button icon={<PlusOutlined />} onClick={() => add('NEEDED')} data-testid="add-needed">
          {t('resources.addNeeded')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => add('PRODUCED')} data-testid="add-produced">
          {t('resources.addProduced')}
        </Button>
      </Space>
    </>
  );
}
