// Filings after establishment: the signed contract (Art. 13, within 5 working days), the supervision unit
// (Art. 16), progress reports (Art. 15) and the acceptance report (Art. 20, within 30 working days).
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import { fileFiling, type FilingInput } from '../../../api/projects';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { moneyInput } from '../../../format/money';
import { useI18n } from '../../../i18n';

type Kind = FilingInput['kind'];
type Values = Record<string, unknown> & { date?: Dayjs };

const KINDS: Kind[] = ['CONTRACT', 'SUPERVISION', 'PROGRESS', 'ACCEPTANCE_REPORT'];

export function FilingForms({ projectId, onFiled, kinds = KINDS }: { projectId: string; onFiled(): void; kinds?: Kind[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'CONTRACT');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('common.required') }];

  async function onFinish(v: Values) {
    const date = v.date ? v.date.format('YYYY-MM-DD') : '';
    const s = (k: string) => String(v[k] ?? '').trim();
    const n = (k: string) => Number(v[k] ?? 0);
    const body: FilingInput =
      kind === 'CONTRACT'
        ? { kind, signedDate: date, contractNo: s('contractNo'), contractor: s('contractor'), amount: n('amount') }
        : kind === 'SUPERVISION'
          ? { kind, unit: s('unit'), chosenDate: date, ...(s('contractNo') ? { contractNo: s('contractNo') } : {}) }
          : kind === 'PROGRESS'
            ? { kind, period: s('period'), progressPercent: n('progressPercent'), fundsUsed: n('fundsUsed'), summary: s('summary') }
            : { kind, summary: s('summary') };
    setBusy(true);
    setError(undefined);
    try {
      await fileFiling(projectId, body);
      message.success(t('filings.filed'));
      form.resetFields();
      onFiled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Segmented<Kind> value={kind} onChange={(k) => { setKind(k); setError(undefined); }} options={kinds.map((k) => ({ value: k, label: t(`filings.kind.${k}`) }))} style={{ marginBottom: 16 }} />
      {error !== undefined && <ErrorAlert error={error} />}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 640 }} key={kind}>
        {kind === 'CONTRACT' && (
          <>
            <Form.Item label={t('filings.signedDate')} name="date" rules={required}><DatePicker /></Form.Item>
            <Form.Item label={t('filings.contractNo')} name="contractNo" rules={required}><Input maxLength={100} /></Form.Item>
            <Form.Item label={t('filings.contractor')} name="contractor" rules={required}><Input maxLength={200} /></Form.Item>
            <Form.Item label={t('filings.amount')} name="amount" rules={required}><InputNumber min={0} precision={2} prefix="¥" style={{ width: 240 }} {...moneyInput} /></Form.Item>
          </>
        )}
        {kind === 'SUPERVISION' && (
          <>
            <Form.Item label={t('filings.unit')} name="unit" rules={required}><Input maxLength={200} /></Form.Item>
            <Form.Item label={t('filings.chosenDate')} name="date" rules={required}><DatePicker /></Form.Item>
            <Form.Item label={t('filings.contractNoOptional')} name="contractNo"><Input maxLength={100} /></Form.Item>
          </>
        )}
        {kind === 'PROGRESS' && (
          <>
            <Form.Item label={t('filings.period')} name="period" rules={required} extra={t('filings.periodHint')}><Input maxLength={50} /></Form.Item>
            <Form.Item label={t('filings.progressPercent')} name="progressPercent" rules={required}><InputNumber min={0} max={100} suffix="%" /></Form.Item>
            <Form.Item label={t('filings.fundsUsed')} name="fundsUsed" rules={required}><InputNumber min={0} precision={2} prefix="¥" style={{ width: 240 }} {...moneyInput} /></Form.Item>
            <Form.Item label={t('filings.summary')} name="summary" rules={required}><Input.TextArea rows={4} maxLength={5000} showCount /></Form.Item>
          </>
        )}
        {kind === 'ACCEPTANCE_REPORT' && (
          <Form.Item label={t('filings.reportSummary')} name="summary" rules={required}><Input.TextArea rows={5} maxLength={5000} showCount /></Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>{t('filings.submit')}</Button>
      </Form>
    </>
  );
}
