// What both assessment pages and both tabs show alike: the heading with the state, the form's save and confirm
// buttons (confirm as the server offers it), the grade picker, and a row's start-or-open cell.
import { useState } from 'react';
import { App, Button, Form, Select, Space, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/ErrorAlert';
import { GRADES } from '../../api/assessments';
import type { AllowedAction } from '../../api/actions';
import { ActionButton } from '../../components/ActionButton';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { gradeLabel, stateLabel, STATE_COLOURS } from './labels';

export function AssessmentHeader({ title, tab, year, status }: { title: string; tab: 'departments' | 'counties'; year: number; status: string }) {
  const { t } = useI18n();
  return (
    <PageTitle
      title={title}
      subtitle={<Link to={`/assessments?tab=${tab}&year=${year}`}>{t('assess.back')}</Link>}
      extra={<Tag color={STATE_COLOURS[status]} data-testid="assessment-status">{t(stateLabel(status))}</Tag>}
    />
  );
}

export function GradeField() {
  const { t } = useI18n();
  return (
    <Form.Item name="grade" label={t('assess.grade')}>
      <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={GRADES.map((g) => ({ value: g, label: t(gradeLabel(g)) }))} data-testid="assessment-grade" />
    </Form.Item>
  );
}

export function SaveAndConfirm({ busy, confirm, onConfirm }: { busy: boolean; confirm: AllowedAction | undefined; onConfirm(): void }) {
  const { t } = useI18n();
  return (
    <Space>
      <Button htmlType="submit" loading={busy} data-testid="assessment-save">{t('assess.save')}</Button>
      {confirm && (
        <ActionButton type="primary" allowed={confirm} loading={busy} onClick={onConfirm} testId="assessment-confirm">
          {t('assess.confirm')}
        </ActionButton>
      )}
    </Space>
  );
}

/** A list row's last cell: open its assessment, or start one when the server offers `create`. */
export function StartOrOpen({ href, canStart, busy, onStart, testId }: { href: string | null; canStart: boolean; busy: boolean; onStart(): void; testId: string }) {
  const { t } = useI18n();
  if (href) return <Link to={href} data-testid={`${testId}-open`}>{t('assess.open')}</Link>;
  if (!canStart) return null;
  return (
    <Button size="small" loading={busy} onClick={onStart} data-testid={`${testId}-start`}>
      {t('assess.start')}
    </Button>
  );
}

/** Starting an assessment from a list: which row is starting, and on success its page (a failure is said). */
export function useStarter(start: (key: string) => Promise<string>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  async function run(key: string) {
    setBusy(key);
    try {
      navigate(await start(key));
    } catch (err) {
      message.error(errorMessage(err, t('common.unexpectedError')));
      setBusy(null);
    }
  }
  return { busy, start: run };
}
