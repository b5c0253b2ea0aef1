// Adding or changing a plan of an offering in a draft revision: names, unit and annual unit price, the most one
// project may take, the specification provisioning uses (which keys matter depends on the offering's provisioner)
// and its 信创 attributes.
import { useEffect } from 'react';
import { Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { SPEC_FIELDS } from '@provisioners/kinds/vocabulary';
import type { PlanInput } from '../../../../api/catalog';
import type { OfferingView, PlanView } from '../../../../api/catalog';
import { FormModal } from '../../../../components/FormModal';
import { useI18n, type MessageKey } from '../../../../i18n';

const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const CPU_ARCHS = ['x86_64', 'kunpeng', 'hygon', 'phytium', 'loongson'] as const;
const NUMBER_SPECS = ['vcpu', 'memoryGiB', 'diskGiB', 'storageGiB', 'instances', 'bandwidthMbps', 'pvcCount', 'backupRetentionDays'] as const;
const TEXT_SPECS = ['image', 'engine', 'engineVersion', 'sla', 'notes'] as const;
const FIELDS = ['name', 'nameEn', 'unit', 'unitPrice', 'maxQuantity', ...[...NUMBER_SPECS, ...TEXT_SPECS].map((k) => `spec.${k}`), 'xinchuang.cpuArch', 'xinchuang.os', 'xinchuang.dbVendor'];

interface Values extends PlanInput {
  code: string;
}

interface Props {
  offering: OfferingView;
  /** the plan to change, or null to add one */
  plan: PlanView | null;
  open: boolean;
  /** codes already in the draft: adding one of them would silently change that item instead */
  usedCodes: Set<string>;
  onClose(): void;
  onSave(planCode: string, input: PlanInput): Promise<void>;
}

/** Empty inputs are left out: the server's spec has every key optional and refuses nulls. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

export function PlanFormModal({ offering, plan, open, usedCodes, onClose, onSave }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  // the keys the offering's provisioner kind reads come first; the rest stay available below
  const main: readonly string[] = SPEC_FIELDS[offering.provisioner];
  const specKeys = [...NUMBER_SPECS, ...TEXT_SPECS].sort((a, b) => Number(!main.includes(a)) - Number(!main.includes(b)));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(plan ? { ...plan, nameEn: plan.nameEn ?? '' } : { unit: '个·年', unitPrice: 0, spec: {}, xinchuang: { certified: false }, maxQuantity: null });
  }, [open, plan, form]);

  async function submit(values: Values) {
    const { code, ...input } = values;
    await onSave(plan?.code ?? code, {
      ...input,
      nameEn: input.nameEn?.trim() || null,
      maxQuantity: input.maxQuantity ?? null,
      spec: compact(input.spec ?? {}),
      xinchuang: compact({ ...input.xinchuang, certified: Boolean(input.xinchuang?.certified) }),
      status: plan?.status ?? 'ACTIVE',
    });
    onClose();
  }

  return (
    <FormModal<Values>
      open={open}
      title={t(plan ? 'drafting.editPlan' : 'drafting.addPlan', { offering: offering.name })}
      okText={t('drafting.save')}
      okTestId="drafting-save"
      width={760}
      form={form}
      fields={FIELDS}
      ariaLabel={t('drafting.planForm')}
      onCancel={onClose}
      onSubmit={submit}
    >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="code" label={t('drafting.code')} extra={t('drafting.codeHint')} rules={[{ required: !plan, pattern: CODE_PATTERN, message: t('drafting.codeInvalid') }, { validator: async (_, v?: string) => { if (!plan && v && usedCodes.has(v)) throw new Error(t('drafting.codeUsed')); } }]}>
              <Input disabled={Boolean(plan)} maxLength={63} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('drafting.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('drafting.nameEn')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="unit" label={t('drafting.unit')} rules={[{ required: true, whitespace: true, max: 20 }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="unitPrice" label={t('drafting.unitPrice')} rules={[{ required: true, type: 'number', min: 0 }]}>
              <InputNumber min={0} precision={2} step={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="maxQuantity" label={t('drafting.maxQuantity')} extra={t('drafting.maxQuantityHint')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('drafting.spec')}</Typography.Title>
        <Row gutter={12}>
          {specKeys.map((key) => (
            <Col xs={12} md={8} key={key}>
              <Form.Item name={['spec', key]} label={t(`drafting.spec.${key}` as MessageKey)}>
                {(NUMBER_SPECS as readonly string[]).includes(key) ? (
                  <InputNumber min={key === 'memoryGiB' ? 0.25 : 1} precision={key === 'memoryGiB' ? 2 : 0} style={{ width: '100%' }} />
                ) : (
                  <Input maxLength={200} />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Title level={5}>{t('drafting.xinchuang')}</Typography.Title>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name={['xinchuang', 'certified']} label={t('drafting.xinchuang.certified')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['xinchuang', 'cpuArch']} label={t('drafting.xinchuang.cpuArch')}>
              <Select allowClear options={CPU_ARCHS.map((a) => ({ value: a, label: a }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['xinchuang', 'os']} label={t('drafting.xinchuang.os')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['xinchuang', 'dbVendor']} label={t('drafting.xinchuang.dbVendor')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
    </FormModal>
  );
}
