// Adding or changing an offering in a draft revision: its category, names, description, how it is provisioned,
// whether it is a shared service (projects may not build what a shared service offers) and its keywords.
import { useEffect } from 'react';
import { Form, Input, Select, Switch } from 'antd';
import { CATEGORIES } from '@catalog/view';
import { PROVISIONER_KINDS } from '@provisioners/kinds/vocabulary';
import type { OfferingInput } from '../../../../api/catalog';
import type { OfferingView } from '../../../../api/catalog';
import { FormModal } from '../../../../components/FormModal';
import { useI18n, type MessageKey } from '../../../../i18n';

const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

const FIELDS = ['category', 'name', 'nameEn', 'description', 'provisioner', 'sharedService', 'keywords'];

interface Values extends OfferingInput {
  code: string;
}

interface Props {
  /** the offering to change, or null to add one */
  offering: OfferingView | null;
  open: boolean;
  /** codes already in the draft: adding one of them would silently change that item instead */
  usedCodes: Set<string>;
  onClose(): void;
  onSave(code: string, input: OfferingInput): Promise<void>;
}

export function OfferingFormModal({ offering, open, usedCodes, onClose, onSave }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      offering
        ? { ...offering, nameEn: offering.nameEn ?? '' }
        : { category: 'PaaS', provisioner: 'none', sharedService: false, keywords: [], status: 'ACTIVE' },
    );
  }, [open, offering, form]);

  async function submit(values: Values) {
    const { code, ...input } = values;
    await onSave(offering?.code ?? code, { ...input, nameEn: input.nameEn?.trim() || null, status: offering?.status ?? 'ACTIVE' });
    onClose();
  }

  return (
    <FormModal<Values>
      open={open}
      title={t(offering ? 'drafting.editOffering' : 'drafting.addOffering')}
      okText={t('drafting.save')}
      okTestId="drafting-save"
      width={640}
      form={form}
      fields={FIELDS}
      ariaLabel={t('drafting.offeringForm')}
      onCancel={onClose}
      onSubmit={submit}
    >
        <Form.Item name="code" label={t('drafting.code')} extra={t('drafting.codeHint')} rules={[{ required: !offering, pattern: CODE_PATTERN, message: t('drafting.codeInvalid') }, { validator: async (_, v?: string) => { if (!offering && v && usedCodes.has(v)) throw new Error(t('drafting.codeUsed')); } }]}>
          <Input disabled={Boolean(offering)} maxLength={63} />
        </Form.Item>
        <Form.Item name="category" label={t('drafting.category')} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`catalog.cat.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('drafting.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('drafting.nameEn')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('drafting.description')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="provisioner" label={t('drafting.provisioner')} rules={[{ required: true }]}>
          <Select options={PROVISIONER_KINDS.map((p) => ({ value: p, label: t(`drafting.provisioner.${p}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="sharedService" label={t('drafting.sharedService')} valuePropName="checked" extra={t('drafting.sharedServiceHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="keywords" label={t('drafting.keywords')} extra={t('drafting.keywordsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} aria-label={t('drafting.keywords')} />
        </Form.Item>
    </FormModal>
  );
}
