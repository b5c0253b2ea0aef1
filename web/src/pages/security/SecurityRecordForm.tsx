// Filing one security record (Art. 36–37): the kinds the dossier offers its reader (the server's allowedActions),
// one form per kind. Sent with the dossier's ETag; a 412 reloads the dossier.
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/errors';
import { fileSecurity, type SecurityFiling, type SecurityOwner, type SecurityRecordKind } from '../../api/security';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';

type Values = Record<string, unknown>;

const CHOICES = {
  result: ['ACCEPTABLE', 'REMEDIATE', 'UNACCEPTABLE'],
  assessmentConclusion: ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'],
  cryptoResult: ['COMPLIANT', 'BASICALLY_COMPLIANT', 'NON_COMPLIANT'],
  severity: ['GENERAL', 'SERIOUS', 'MAJOR', 'EXTRAORDINARY'],
} as const;

interface Props {
  owner: SecurityOwner;
  id: string;
  etag: string | null;
  kinds: SecurityRecordKind[];
  onFiled(): void;
  onStale(): void;
}

export function SecurityRecordForm({ owner, id, etag, kinds, onFiled, onStale }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [chosen, setKind] = useState<SecurityRecordKind>(kinds[0]!);
  const kind = kinds.includes(chosen) ? chosen : kinds[0]!;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const label = (f: string) => t(`security.field.${f}` as MessageKey);
  const choice = (f: keyof typeof CHOICES) => <Select showSearch optionFilterProp="label" options={CHOICES[f].map((v) => ({ value: v, label: t(`security.value.${v}` as MessageKey) }))} />;
  const date = (f: string, optional = false) => (
    <Form.Item label={label(f)} name={f} rules={optional ? [] : [{ required: true, message: t('common.required') }]}>
      <DatePicker />
    </Form.Item>
  );
  const text = (f: string, max = 200, optional = false) => (
    <Form.Item label={label(f)} name={f} rules={optional ? [] : required}>
      <Input maxLength={max} />
    </Form.Item>
  );
  const area = (f: string, optional = false) => (
    <Form.Item label={label(f)} name={f} rules={optional ? [] : required}>
      <Input.TextArea rows={3} maxLength={5000} showCount />
    </Form.Item>
  );

  function bodyOf(v: Values): SecurityFiling {
    const d = (k: string) => (v[k] as Dayjs).format('YYYY-MM-DD');
    const dOpt = (k: string) => (v[k] ? { [k]: d(k) } : {});
    const s = (k: string) => String(v[k] ?? '').trim();
    const sOpt = (k: string) => (s(k) ? { [k]: s(k) } : {});
    switch (kind) {
      case 'RISK_ASSESSMENT':
        return {
          kind,
          assessmentDate: d('assessmentDate'),
          assessor: s('assessor'),
          result: v.result as 'ACCEPTABLE',
          conclusion: s('conclusion'),
          unitConfirmation: { confirmedBy: s('unitConfirmedBy'), confirmedDate: d('unitConfirmedDate') },
          contractorConfirmation: { contractor: s('contractor'), confirmedBy: s('contractorConfirmedBy'), confirmedDate: d('contractorConfirmedDate') },
        };
      case 'MLPS':
        return {
          kind,
          mlpsLevel: Number(v.mlpsLevel),
          gradingDate: d('gradingDate'),
          ...sOpt('mlpsFilingNo'),
          ...dOpt('lastAssessmentDate'),
          ...sOpt('assessor'),
          ...(v.assessmentConclusion ? { assessmentConclusion: v.assessmentConclusion as 'GOOD' } : {}),
        };
      case 'CRYPTO_ASSESSMENT':
        return { kind, assessmentDate: d('assessmentDate'), assessor: s('assessor'), cryptoResult: v.cryptoResult as 'COMPLIANT', ...sOpt('summary') };
      case 'EMERGENCY_PLAN':
        return { kind, planVersion: s('planVersion'), issuedDate: d('issuedDate'), ...sOpt('summary') };
      case 'DRILL':
        return { kind, drillDate: d('drillDate'), scenario: s('scenario'), participants: s('participants'), drillResult: s('drillResult') };
      case 'INCIDENT':
        return {
          kind,
          occurredAt: (v.occurredAt as Dayjs).format(),
          severity: v.severity as 'GENERAL',
          description: s('description'),
          handling: s('handling'),
          ...sOpt('reportedTo'),
          ...(v.reportedAt ? { reportedAt: (v.reportedAt as Dayjs).format() } : {}),
        };
    }
  }

  async function onFinish(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await fileSecurity(owner, id, etag, bodyOf(v));
      void message.success(t('security.filed'));
      form.resetFields();
      onFiled();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('common.staleReloaded'));
        onStale();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Segmented<SecurityRecordKind>
        value={kind}
        onChange={(k) => {
          setKind(k);
          setError(undefined);
        }}
        options={kinds.map((k) => ({ value: k, label: t(`security.kind.${k}`) }))}
        style={{ marginBottom: 16 }}
      />
      {error !== undefined && <ErrorAlert error={error} />}
      <Form<Values> form={form} key={kind} name={`security-${kind}`} layout="vertical" onFinish={(v) => void onFinish(v)} style={{ maxWidth: 640 }} data-testid={`security-form-${kind}`}>
        {kind === 'RISK_ASSESSMENT' && (
          <>
            {date('assessmentDate')}
            {text('assessor')}
            <Form.Item label={label('result')} name="result" rules={[{ required: true, message: t('common.required') }]}>{choice('result')}</Form.Item>
            {area('conclusion')}
            {text('unitConfirmedBy', 100)}
            {date('unitConfirmedDate')}
            {text('contractor')}
            {text('contractorConfirmedBy', 100)}
            {date('contractorConfirmedDate')}
          </>
        )}
        {kind === 'MLPS' && (
          <>
            <Form.Item label={label('mlpsLevel')} name="mlpsLevel" rules={[{ required: true, message: t('common.required') }]} extra={t('security.mlpsHint')}>
              <InputNumber min={1} max={4} precision={0} />
            </Form.Item>
            {text('mlpsFilingNo', 100, true)}
            {date('gradingDate')}
            {date('lastAssessmentDate', true)}
            {text('assessor', 200, true)}
            <Form.Item label={label('assessmentConclusion')} name="assessmentConclusion">{choice('assessmentConclusion')}</Form.Item>
          </>
        )}
        {kind === 'CRYPTO_ASSESSMENT' && (
          <>
            {date('assessmentDate')}
            {text('assessor')}
            <Form.Item label={label('cryptoResult')} name="cryptoResult" rules={[{ required: true, message: t('common.required') }]}>{choice('cryptoResult')}</Form.Item>
            {area('summary', true)}
          </>
        )}
        {kind === 'EMERGENCY_PLAN' && (
          <>
            {text('planVersion', 50)}
            {date('issuedDate')}
            {area('summary', true)}
          </>
        )}
        {kind === 'DRILL' && (
          <>
            <Form.Item label={label('drillDate')} name="drillDate" rules={[{ required: true, message: t('common.required') }]} extra={t('security.drillHint')}>
              <DatePicker />
            </Form.Item>
            {text('scenario', 500)}
            {text('participants', 1000)}
            {area('drillResult')}
          </>
        )}
        {kind === 'INCIDENT' && (
          <>
            <Form.Item label={label('occurredAt')} name="occurredAt" rules={[{ required: true, message: t('common.required') }]}><DatePicker showTime /></Form.Item>
            <Form.Item label={label('severity')} name="severity" rules={[{ required: true, message: t('common.required') }]}>{choice('severity')}</Form.Item>
            {area('description')}
            {area('handling')}
            {text('reportedTo', 200, true)}
            <Form.Item label={label('reportedAt')} name="reportedAt"><DatePicker showTime /></Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="security-submit">{t('security.submit')}</Button>
      </Form>
    </>
  );
}
