// Filings after establishment: the signed contract (Art. 13, within 5 working days), the supervision unit
// (Art. 16), progress reports (Art. 15), the acceptance report (Art. 20, within 30 working days), the annual
// self-evaluation after each budget year (Art. 21) and, when GIA issued a rectification notice, the rectification
// report (Art. 24, within 10 working days of the notice).
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { fileFiling, type FilingInput } from '../../../api/projects';
import { FormError } from '../../../components/FormError';
import type { Rectification } from '../../../components/project/RectificationList';
import { formatDate, shanghaiToday } from '../../../format/dates';
import { moneyInput } from '../../../format/money';
import { useI18n } from '../../../i18n';

type Kind = FilingInput['kind'];
type Values = Record<string, unknown> & { signedDate?: Dayjs; chosenDate?: Dayjs };

/** the fields the server may refuse (a date in the future or before the establishment): the message shows on them */
const FIELD_NAMES = ['signedDate', 'chosenDate', 'contractNo', 'contractor', 'amount', 'unit', 'period', 'progressPercent', 'fundsUsed', 'summary', 'year', 'selfScore', 'deadlineId'];

/**
 * `kinds`: the filings the project takes in its state (the server's `filingKinds`). `rectifications`: the rectification notices still waiting for their report; when there are any, the
 * rectification report is offered too (first, as it is the one with a deadline running).
 */
export function FilingForms({ projectId, onFiled, kinds, rectifications = [] }: { projectId: string; onFiled(): void; kinds: readonly Kind[]; rectifications?: Rectification[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const open = rectifications.filter((r) => r.deadline && !r.deadline.metAt);
  const offered: Kind[] = open.length ? ['RECTIFICATION_REPORT', ...kinds.filter((k) => k !== 'RECTIFICATION_REPORT')] : kinds.filter((k) => k !== 'RECTIFICATION_REPORT');
  const [chosen, setKind] = useState<Kind>(offered[0] ?? 'CONTRACT');
  const kind = offered.includes(chosen) ? chosen : (offered[0] ?? 'CONTRACT');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('common.required') }];

  function bodyOf(v: Values): FilingInput {
    const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');
    const s = (k: string) => String(v[k] ?? '').trim();
    const n = (k: string) => Number(v[k] ?? 0);
    switch (kind) {
      case 'CONTRACT':
        return { kind, signedDate: day(v.signedDate), contractNo: s('contractNo'), contractor: s('contractor'), amount: n('amount') };
      case 'SUPERVISION':
        return { kind, unit: s('unit'), chosenDate: day(v.chosenDate), ...(s('contractNo') ? { contractNo: s('contractNo') } : {}) };
      case 'PROGRESS':
        return { kind, period: s('period'), progressPercent: n('progressPercent'), fundsUsed: n('fundsUsed'), summary: s('summary') };
      case 'ACCEPTANCE_REPORT':
        return { kind, summary: s('summary') };
      case 'SELF_EVALUATION':
        return { kind, year: n('year'), summary: s('summary'), ...(v.selfScore === undefined || v.selfScore === null ? {} : { selfScore: n('selfScore') }) };
      case 'RECTIFICATION_REPORT':
        return { kind, deadlineId: s('deadlineId'), summary: s('summary') };
    }
  }

  async function onFinish(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await fileFiling(projectId, bodyOf(v));
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
      <Segmented<Kind> value={kind} onChange={(k) => { setKind(k); setError(undefined); }} options={offered.map((k) => ({ value: k, label: t(`filings.kind.${k}`) }))} style={{ marginBottom: 16 }} />
      <FormError form={form} error={error} names={FIELD_NAMES} />
      <Form<Values>
        form={form}
        name={`filing-${kind}`}
        layout="vertical"
        onFinish={(v) => void onFinish(v)}
        style={{ maxWidth: 640 }}
        key={kind}
        initialValues={
          kind === 'RECTIFICATION_REPORT' && open.length === 1
            ? { deadlineId: open[0]!.deadline!.id }
            : kind === 'SELF_EVALUATION'
              ? { year: Number(shanghaiToday().slice(0, 4)) - 1 }
              : undefined
        }
        data-testid={`filing-form-${kind}`}
      >
        {kind === 'CONTRACT' && (
          <>
            <Form.Item label={t('filings.signedDate')} name="signedDate" rules={required}><DatePicker /></Form.Item>
            <Form.Item label={t('filings.contractNo')} name="contractNo" rules={required}><Input maxLength={100} /></Form.Item>
            <Form.Item label={t('filings.contractor')} name="contractor" rules={required}><Input maxLength={200} /></Form.Item>
            <Form.Item label={t('filings.amount')} name="amount" rules={required}><InputNumber min={0} precision={2} prefix="¥" style={{ width: 240 }} {...moneyInput} /></Form.Item>
          </>
        )}
        {kind === 'SUPERVISION' && (
          <>
            <Form.Item label={t('filings.unit')} name="unit" rules={required}><Input maxLength={200} /></Form.Item>
            <Form.Item label={t('filings.chosenDate')} name="chosenDate" rules={required}><DatePicker /></Form.Item>
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
        {kind === 'SELF_EVALUATION' && (
          <>
            <Form.Item label={t('filings.year')} name="year" rules={required} extra={t('filings.selfEvaluationHint')}><InputNumber min={2000} max={2100} precision={0} /></Form.Item>
            <Form.Item label={t('filings.selfScore')} name="selfScore" extra={t('filings.selfScoreHint')}><InputNumber min={0} max={100} precision={1} /></Form.Item>
            <Form.Item label={t('filings.selfEvaluationSummary')} name="summary" rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={5} maxLength={5000} showCount /></Form.Item>
          </>
        )}
        {kind === 'ACCEPTANCE_REPORT' && (
          <Form.Item label={t('filings.reportSummary')} name="summary" rules={required}><Input.TextArea rows={5} maxLength={5000} showCount /></Form.Item>
        )}
        {kind === 'RECTIFICATION_REPORT' && (
          <>
            <Form.Item label={t('filings.rectificationNotice')} name="deadlineId" rules={required}>
              <Select
                options={open.map((r) => ({ value: r.deadline!.id, label: t('filings.rectificationOption', { issues: r.issues.length > 40 ? `${r.issues.slice(0, 40)}…` : r.issues, due: formatDate(r.deadline!.dueDate) }) }))}
                placeholder={t('filings.rectificationChoose')}
              />
            </Form.Item>
            <Form.Item label={t('filings.rectificationSummary')} name="summary" rules={[{ required: true, whitespace: true, message: t('common.required') }]} extra={t('filings.rectificationHint')}>
              <Input.TextArea rows={5} maxLength={5000} showCount />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="filing-submit">{t('filings.submit')}</Button>
      </Form>
    </>
  );
}
