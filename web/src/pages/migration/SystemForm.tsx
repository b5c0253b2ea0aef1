// Registering a system, or changing one's register fields (with If-Match; a 412 means someone changed it
// meanwhile: say so and reload). The server checks every field; its refusals show on the field at fault.
import { useRef, useState } from 'react';
import { App, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { HOSTING_TYPES } from '../../api/board';
import { ApiError } from '../../api/errors';
import { createSystem, updateSystem, type HostingType, type MigrationSystem, type SystemInput, type XinchuangStatus } from '../../api/migration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { moneyInput } from '../../format/money';
import { useI18n, type MessageKey } from '../../i18n';

/** the form's target: a new registration, or a system read with its ETag */
export type FormTarget = 'new' | { system: MigrationSystem; etag: string | null };

interface Values {
  name: string;
  purpose: string;
  hosting: HostingType;
  location?: string | null;
  /** 0: not graded */
  mlpsLevel?: number;
  mlpsFilingNo?: string | null;
  classified?: boolean;
  os?: string | null;
  database?: string | null;
  middleware?: string | null;
  xinchuang?: XinchuangStatus | null;
  dataVolumeGb?: number | null;
  userCount?: number | null;
  dependencies?: string[];
  contacts?: { name?: string; phone?: string; email?: string }[];
  annualOmCost?: number | null;
  launchedOn?: Dayjs | null;
}

/** Every 信创 adaptation the server knows, with its label (typed against the server's own list). */
const XINCHUANG: Record<XinchuangStatus, MessageKey> = { NONE: 'migration.xinchuang.NONE', PARTIAL: 'migration.xinchuang.PARTIAL', FULL: 'migration.xinchuang.FULL' };
type FieldName = Parameters<FormInstance<Values>['scrollToField']>[0];
const FIELDS = new Set(['name', 'purpose', 'hosting', 'location', 'mlpsLevel', 'mlpsFilingNo', 'classified', 'os', 'database', 'middleware', 'xinchuang', 'dataVolumeGb', 'userCount', 'dependencies', 'contacts', 'annualOmCost', 'launchedOn']);

const blankToNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

const isFilled = (c: NonNullable<Values['contacts']>[number]) => Boolean(c.name?.trim() || c.phone?.trim() || c.email?.trim());
/** the form's contact rows that are sent (blank ones are not): the server's contacts.N is the form's row sent[N] */
const sentContactRows = (v: Values) => (v.contacts ?? []).flatMap((c, i) => (isFilled(c) ? [i] : []));

function toInput(v: Values): SystemInput {
  return {
    name: v.name.trim(),
    purpose: v.purpose.trim(),
    hosting: v.hosting,
    location: blankToNull(v.location),
    mlpsLevel: v.mlpsLevel ? v.mlpsLevel : null,
    mlpsFilingNo: blankToNull(v.mlpsFilingNo),
    classified: v.classified ?? false,
    os: blankToNull(v.os),
    database: blankToNull(v.database),
    middleware: blankToNull(v.middleware),
    xinchuang: v.xinchuang ?? null,
    dataVolumeGb: v.dataVolumeGb ?? null,
    userCount: v.userCount ?? null,
    dependencies: (v.dependencies ?? []).map((d) => d.trim()).filter(Boolean),
    contacts: (v.contacts ?? [])
      .filter(isFilled)
      .map((c) => ({ name: c.name?.trim() ?? '', phone: c.phone?.trim() ?? '', ...(c.email?.trim() ? { email: c.email.trim() } : {}) })),
    annualOmCost: v.annualOmCost ?? null,
    launchedOn: v.launchedOn ? v.launchedOn.format('YYYY-MM-DD') : null,
  };
}

function valuesOf(s: MigrationSystem): Values {
  const { name, purpose, hosting, location, mlpsFilingNo, classified, os, database, middleware, xinchuang, dataVolumeGb, userCount, dependencies, annualOmCost } = s;
  const contacts = s.contacts.length ? s.contacts : [{}];
  return { name, purpose, hosting, location, mlpsLevel: s.mlpsLevel ?? 0, mlpsFilingNo, classified, os, database, middleware, xinchuang, dataVolumeGb, userCount, dependencies, contacts, annualOmCost, launchedOn: s.launchedOn ? dayjs(s.launchedOn) : null };
}

const NEW_VALUES: Partial<Values> = { classified: false, mlpsLevel: 0, contacts: [{}] };

/** Only what changed, so that the history names the fields that were changed. */
function changes(before: SystemInput, after: SystemInput): Partial<SystemInput> {
  return Object.fromEntries(
    Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof SystemInput])),
  ) as Partial<SystemInput>;
}

/** The form field an API field path names ("contacts.0.phone" → the first contact row sent, its phone), or null. */
function fieldOf(path: string, contactRows: number[]): FieldName | null {
  const [first, index, sub] = path.split('.');
  if (!first || !FIELDS.has(first)) return null;
  if (first !== 'contacts') return first as FieldName;
  const row = contactRows[Number(index)];
  return row !== undefined && sub ? (['contacts', row, sub] as FieldName) : null;
}

export function SystemForm({ target, onClose, onSaved, onStale }: { target: FormTarget; onClose(): void; onSaved(system: MigrationSystem): void; onStale(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const editing = target !== 'new' ? target : null;
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  /** the fields showing a server refusal, with the value refused: the refusal goes when the value changes */
  const refused = useRef<{ name: FieldName; value: string }[]>([]);

  function refuse(fields: { name: FieldName; message: string }[]) {
    form.setFields(fields.map((f) => ({ name: f.name, errors: [f.message] })));
    refused.current = fields.map((f) => ({ name: f.name, value: JSON.stringify(form.getFieldValue(f.name)) }));
    if (fields[0]) form.scrollToField(fields[0].name);
  }

  function clearChangedRefusals() {
    const changed = refused.current.filter((r) => JSON.stringify(form.getFieldValue(r.name)) !== r.value);
    if (!changed.length) return;
    form.setFields(changed.map((r) => ({ name: r.name, errors: [] })));
    refused.current = refused.current.filter((r) => !changed.includes(r));
  }

  /** Puts the server's field refusals on their fields; the rest (and the server's summary) go in the alert. */
  function showError(err: unknown, contactRows: number[]) {
    if (!(err instanceof ApiError)) return setError(err);
    if (err.code === 'SYSTEM_NAME_TAKEN') {
      refuse([{ name: 'name', message: err.message }]);
      return setError(undefined);
    }
    const placed = err.fields.map((f) => ({ f, name: fieldOf(f.path, contactRows) }));
    refuse(placed.flatMap((p) => (p.name === null ? [] : [{ name: p.name, message: p.f.message }])));
    setError(new ApiError(err.status, err.code, err.message, placed.filter((p) => p.name === null).map((p) => p.f), err.violations));
  }

  async function save(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const input = toInput(values);
      if (!editing) {
        const res = await createSystem(input);
        void message.success(t('register.created', { code: res.data.code }));
        onSaved(res.data);
        return;
      }
      const patch = changes(toInput(valuesOf(editing.system)), input);
      if (Object.keys(patch).length === 0) {
        void message.info(t('register.unchanged'));
        onClose();
        return;
      }
      const res = await updateSystem(editing.system.id, editing.etag, patch);
      void message.success(t('register.saved'));
      onSaved(res.data);
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('common.staleReloaded'));
        onStale();
      } else showError(err, sentContactRows(values));
    } finally {
      setBusy(false);
    }
  }

  const label = (k: string) => t(`register.field.${k}` as MessageKey);
  return (
    <Modal
      open
      width={860}
      title={editing ? t('register.editTitle', { code: editing.system.code }) : t('register.newTitle')}
      okText={t('register.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'system-save' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      {error !== undefined && <ErrorAlert error={error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing ? valuesOf(editing.system) : NEW_VALUES}
        onFinish={(v) => void save(v)}
        onValuesChange={clearChangedRefusals}
        aria-label={editing ? t('register.editTitle', { code: editing.system.code }) : t('register.newTitle')}
        data-testid="system-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={label('name')} extra={t('register.nameHint')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="hosting" label={label('hosting')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={HOSTING_TYPES.map((h) => ({ value: h, label: t(`migration.hosting.${h}` as MessageKey) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="purpose" label={label('purpose')} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="location" label={label('location')} extra={t('register.locationHint')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="mlpsLevel" label={label('mlpsLevel')}>
              <Select options={[0, 1, 2, 3, 4].map((n) => ({ value: n, label: t(`register.mlps.${n}` as MessageKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="classified" label={label('classified')} valuePropName="checked" extra={t('register.classifiedHint')}>
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="mlpsFilingNo" label={label('mlpsFilingNo')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="xinchuang" label={label('xinchuang')}>
              <Select allowClear options={(Object.keys(XINCHUANG) as XinchuangStatus[]).map((x) => ({ value: x, label: t(XINCHUANG[x]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="os" label={label('os')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="database" label={label('database')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="middleware" label={label('middleware')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dataVolumeGb" label={label('dataVolumeGb')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="userCount" label={label('userCount')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="annualOmCost" label={label('annualOmCost')}>
              <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} {...moneyInput} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="launchedOn" label={label('launchedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dependencies" label={label('dependencies')} extra={t('register.dependenciesHint')}>
              <Select mode="tags" open={false} tokenSeparators={['；', ';', '、', ',', '，']} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {label('contacts')}
        </Divider>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} label={t('register.contactName', { n: i + 1 })}>
                    <Input maxLength={50} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} label={t('register.contactPhone', { n: i + 1 })}>
                    <Input maxLength={30} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'email']} label={t('register.contactEmail', { n: i + 1 })}>
                    <Input maxLength={200} style={{ width: 240 }} />
                  </Form.Item>
                  {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('register.removeContact', { n: i + 1 })} />}
                </Space>
              ))}
              {fields.length < 10 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('register.addContact')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
