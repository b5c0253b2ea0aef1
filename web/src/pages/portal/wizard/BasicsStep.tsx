// Step 1: what the project is (Art. 6): name, type, budget year and total budget, description, what it builds,
// performance goals, and the two special cases that need a separate approval (Art. 7, Art. 8).
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { RuleViolation } from '../../../api/errors';
import { moneyInput } from '../../../format/money';
import { useI18n } from '../../../i18n';
import type { BasicsValues } from './draftState';
import { violationStatus } from './ViolationHelp';

interface Props {
  form: FormInstance<BasicsValues>;
  initial: BasicsValues;
  onChange(values: BasicsValues): void;
  violations: Map<string, RuleViolation[]>;
}

export function BasicsStep({ form, initial, onChange, violations }: Props) {
  const { t } = useI18n();
  const required = { required: true, message: t('common.required') };
  return (
    <Form<BasicsValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={(_, all) => onChange({ ...initial, ...all })}
      aria-label={t('wizard.step.basics')}
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item label={t('project.name')} name="name" rules={[{ ...required, whitespace: true }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('project.type')} name="type" rules={[required]}>
            <Select
              options={(['NEW', 'UPGRADE', 'OM'] as const).map((v) => ({ value: v, label: t(`projectType.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('project.budgetYear')} name="budgetYear" rules={[required]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('project.totalBudgetYuan')} name="totalBudget" rules={[required]} {...violationStatus(violations.get('totalBudget'))}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} prefix="¥" {...moneyInput} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('project.description')} name="description" extra={t('wizard.descriptionHint')} {...violationStatus(violations.get('description'))}>
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
      <Form.Item label={t('project.components')} name="componentsText" extra={t('wizard.componentsHint')} {...violationStatus(violations.get('components'))}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item label={t('project.performanceGoals')}>
        <Form.List name="performanceGoals">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'indicator']} rules={[required]} label={t('wizard.goalIndicator', { n: i + 1 })}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'target']} rules={[required]} label={t('wizard.goalTarget', { n: i + 1 })}>
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('wizard.removeGoal', { n: i + 1 })} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ indicator: '', target: '' })}>
                {t('wizard.addGoal')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('project.emergency')} name="emergency" valuePropName="checked" extra={t('wizard.emergencyHint')}>
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.emergency !== b.emergency}>
            {({ getFieldValue }) =>
              getFieldValue('emergency') ? (
                <Form.Item label={t('project.emergencyConsentRef')} name="emergencyConsentRef" {...violationStatus(violations.get('emergencyConsentRef'))}>
                  <Input maxLength={200} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('project.privateNetwork')} name="privateNetwork" valuePropName="checked" extra={t('wizard.privateNetworkHint')}>
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.privateNetwork !== b.privateNetwork}>
            {({ getFieldValue }) =>
              getFieldValue('privateNetwork') ? (
                <Form.Item label={t('project.privateNetworkApprovalRef')} name="privateNetworkApprovalRef" {...violationStatus(violations.get('privateNetworkApprovalRef'))}>
                  <Input maxLength={200} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
