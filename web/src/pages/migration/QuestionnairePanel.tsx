// A system's assessment questionnaire (评估问卷): the form (one radio group per question of the version in force,
// in the reader's language), the 6R strategy and risk its answers propose with the answers that drove them, and —
// for the sub-center — confirming the proposal or overriding it with a reason (which assesses the system). Answers
// and confirmations send the answers' ETag; a 412 reloads.
import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { LEVELS, STRATEGIES } from '@migration/vocabulary';
import { ApiError } from '../../api/errors';
import { answerQuestionnaire, confirmProposal, fetchQuestionnaire, fetchSystemQuestionnaire, type ConfirmBody, type Questionnaire, type SystemQuestionnaire } from '../../api/migrationQuestionnaire';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { PageState } from '../../components/PageState';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useCatalogView } from '../../hooks/useCatalogView';
import { useI18n, type MessageKey } from '../../i18n';

type Definition = Questionnaire['definition'];
const RISK_COLOURS = { LOW: 'green', MEDIUM: 'orange', HIGH: 'red' } as const;

interface Props {
  id: string;
  /** the system changed (a confirmation assessed it): the drawer reloads */
  onAssessed(): void;
}

export function QuestionnairePanel({ id, onAssessed }: Props) {
  const { t } = useI18n();
  const current = useApiData((signal) => fetchQuestionnaire(signal), []);
  const answers = useApiData((signal) => fetchSystemQuestionnaire(id, signal), [id]);
  return (
    <Card size="small" className="zy-card" title={t('questionnaire.title')} data-testid="questionnaire-panel">
      <PageState state={answers}>
        {(res) => (
          <PageState state={current}>
            {(q) => (
              <QuestionnaireBody
                id={id}
                current={q.data}
                state={res.data}
                etag={res.etag}
                onChanged={(assessed) => {
                  answers.reload();
                  if (assessed) onAssessed();
                }}
              />
            )}
          </PageState>
        )}
      </PageState>
    </Card>
  );
}

interface BodyProps {
  id: string;
  current: Questionnaire;
  state: SystemQuestionnaire;
  etag: string | null;
  onChanged(assessed: boolean): void;
}

function QuestionnaireBody({ id, current, state, etag, onChanged }: BodyProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(state.answers === null && state.mayAnswer);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [form] = Form.useForm<Record<string, string>>();
  const given = state.answers;
  const sameVersion = given?.questionnaire.version === current.version;

  function stale(err: unknown) {
    if (err instanceof ApiError && err.isStale) {
      void message.warning(t('common.staleReloaded'));
      onChanged(false);
      return true;
    }
    return false;
  }

  async function submit(values: Record<string, string>) {
    setBusy(true);
    setError(undefined);
    try {
      await answerQuestionnaire(id, etag, { questionnaireVersion: current.version, answers: Object.entries(values).map(([questionId, optionId]) => ({ questionId, optionId })) });
      void message.success(t('questionnaire.saved'));
      setEditing(false);
      onChanged(false);
    } catch (err) {
      if (!stale(err)) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="questionnaire">
      {error !== undefined && <ErrorAlert error={error} />}
      {given && <Proposal state={state} definition={given.questionnaire.definition} />}
      {given && !sameVersion && state.mayAnswer && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('questionnaire.newerVersion', { given: given.questionnaire.version, current: current.version })} />}
      <Space style={{ marginTop: 12 }} wrap>
        {state.mayAnswer && !editing && (
          <Button onClick={() => setEditing(true)} data-testid="questionnaire-answer">
            {t(given ? 'questionnaire.answerAgain' : 'questionnaire.answer')}
          </Button>
        )}
        {state.mayConfirm && (
          <Button type="primary" onClick={() => setConfirming(true)} data-testid="questionnaire-confirm">
            {t(given?.confirmation ? 'questionnaire.confirmAgain' : 'questionnaire.confirm')}
          </Button>
        )}
      </Space>
      {editing && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          initialValues={sameVersion && given ? Object.fromEntries(given.answers.map((a) => [a.questionId, a.optionId])) : undefined}
          onFinish={(v) => void submit(v)}
          data-testid="questionnaire-form"
        >
          <QuestionFields definition={current.definition} />
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="questionnaire-submit">
              {t('questionnaire.submit')}
            </Button>
            {given && <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>}
          </Space>
        </Form>
      )}
      {confirming && given && (
        <ConfirmModal
          id={id}
          etag={etag}
          state={state}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false);
            void message.success(t('questionnaire.confirmed'));
            onChanged(true);
          }}
          onError={stale}
        />
      )}
    </div>
  );
}

function QuestionFields({ definition }: { definition: Definition }) {
  const { t, locale } = useI18n();
  return (
    <>
      {definition.questions.map((q) => (
        <Form.Item key={q.id} name={q.id} label={locale === 'en' ? q.promptEn : q.prompt} rules={[{ required: true, message: t('questionnaire.required') }]}>
          <Radio.Group data-testid={`question-${q.id}`}>
            <Space direction="vertical">
              {q.options.map((o) => (
                <Radio key={o.id} value={o.id}>
                  {locale === 'en' ? o.labelEn : o.label}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      ))}
    </>
  );
}

function Proposal({ state, definition }: { state: SystemQuestionnaire; definition: Definition }) {
  const { t, locale } = useI18n();
  const given = state.answers!;
  const { proposal, confirmation } = given;
  const question = (qid: string) => definition.questions.find((q) => q.id === qid);
  const textOf = (qid: string) => {
    const q = question(qid);
    return q ? (locale === 'en' ? q.promptEn : q.prompt) : qid;
  };
  const optionOf = (qid: string, oid: string) => {
    const o = question(qid)?.options.find((x) => x.id === oid);
    return o ? (locale === 'en' ? o.labelEn : o.label) : oid;
  };
  const strategy = (s: string) => t(`migration.strategy.${s}` as MessageKey);
  const level = (l: string) => t(`register.level.${l}` as MessageKey);
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="questionnaire-proposal">
        <Descriptions.Item label={t('questionnaire.proposedStrategy')}>{strategy(proposal.strategy)}</Descriptions.Item>
        <Descriptions.Item label={t('questionnaire.proposedRisk')}>
          <Tag color={RISK_COLOURS[proposal.risk]}>{level(proposal.risk)}</Tag>
          {t('questionnaire.points', { points: proposal.riskPoints })}
        </Descriptions.Item>
        <Descriptions.Item label={t('questionnaire.answered')}>
          {formatDateTime(given.answeredAt)}
          {given.answeredBy && ` · ${given.answeredBy}`} · {t('questionnaire.version', { version: given.questionnaire.version })}
        </Descriptions.Item>
        <Descriptions.Item label={t('questionnaire.confirmation')}>
          {confirmation ? (
            <>
              <Tag color={confirmation.overridden ? 'gold' : 'green'}>{t(confirmation.overridden ? 'questionnaire.overridden' : 'questionnaire.asProposed')}</Tag>
              {state.system.strategy && strategy(state.system.strategy)}
              {state.system.risk && ` · ${level(state.system.risk)}`}
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(confirmation.confirmedAt)}
                  {confirmation.confirmedBy && ` · ${confirmation.confirmedBy}`}
                </Typography.Text>
              </div>
              {confirmation.overrideReason && <div>{t('questionnaire.reasonIs', { reason: confirmation.overrideReason })}</div>}
            </>
          ) : (
            <Tag>{t('questionnaire.unconfirmed')}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
        {t('questionnaire.reasons')}
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="questionId"
        dataSource={proposal.reasons}
        data-testid="questionnaire-reasons"
        locale={{ emptyText: t('questionnaire.noReasons') }}
        columns={[
          { title: t('questionnaire.question'), render: (_, r) => textOf(r.questionId) },
          { title: t('questionnaire.answer'), render: (_, r) => optionOf(r.questionId, r.optionId) },
          { title: t('questionnaire.riskPoints'), dataIndex: 'riskPoints', align: 'right' },
          { title: t('questionnaire.forProposed'), dataIndex: 'forProposed', align: 'right', render: (v: number) => (v ? `+${v}` : '—') },
          { title: t('questionnaire.vetoes'), render: (_, r) => (r.vetoes.length ? r.vetoes.map(strategy).join(t('punct.comma')) : '—') },
        ]}
      />
    </>
  );
}

type ConfirmValues = Partial<ConfirmBody>;

function ConfirmModal({ id, etag, state, onClose, onDone, onError }: { id: string; etag: string | null; state: SystemQuestionnaire; onClose(): void; onDone(): void; onError(err: unknown): boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ConfirmValues>();
  const proposal = state.answers!.proposal;
  const first = state.system.strategy === null;
  const strategy = Form.useWatch('strategy', form);
  const risk = Form.useWatch('risk', form);
  const overriding = (strategy ?? proposal.strategy) !== proposal.strategy || (risk ?? proposal.risk) !== proposal.risk;
  const catalog = useCatalogView(undefined);
  const plans = (catalog.data?.offerings ?? [])
    .filter((o) => o.status === 'ACTIVE')
    .flatMap((o) => o.plans.filter((p) => p.status === 'ACTIVE').map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` })));

  async function submit(v: ConfirmValues) {
    const reason = typeof v.reason === 'string' && v.reason.trim() ? v.reason.trim() : undefined;
    await confirmProposal(id, etag, { ...v, reason, targetPlanCodes: v.targetPlanCodes?.length ? v.targetPlanCodes : first ? [] : undefined });
    onDone();
  }

  return (
    <FormModal<ConfirmValues>
      open
      title={t('questionnaire.confirmTitle')}
      okText={t('questionnaire.confirm')}
      okTestId="questionnaire-confirm-ok"
      width={640}
      form={form}
      fields={['strategy', 'risk', 'reason', 'effort', 'targetPlanCodes', 'blockingIssues']}
      ariaLabel={t('questionnaire.confirmTitle')}
      initialValues={{ strategy: proposal.strategy, risk: proposal.risk }}
      onCancel={onClose}
      onSubmit={submit}
      handled={onError}
    >
      <Typography.Paragraph type="secondary">{t(first ? 'questionnaire.confirmHintFirst' : 'questionnaire.confirmHintAgain')}</Typography.Paragraph>
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item name="strategy" label={t('register.field.strategy')} style={{ flex: 1 }}>
          <Select showSearch optionFilterProp="label" options={STRATEGIES.map((s) => ({ value: s, label: t(`migration.strategy.${s}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="risk" label={t('register.field.risk')} style={{ flex: 1 }}>
          <Select showSearch optionFilterProp="label" options={LEVELS.map((l) => ({ value: l, label: t(`register.level.${l}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="effort" label={t('register.field.effort')} rules={first ? [{ required: true }] : []} style={{ flex: 1 }}>
          <Select allowClear showSearch optionFilterProp="label" options={LEVELS.map((l) => ({ value: l, label: t(`register.level.${l}` as MessageKey) }))} />
        </Form.Item>
      </div>
      {overriding && (
        <Form.Item name="reason" label={t('questionnaire.overrideReason')} rules={[{ required: true, whitespace: true, message: t('questionnaire.overrideReasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
      <Form.Item name="targetPlanCodes" label={t('register.field.targetPlanCodes')} extra={t('migrationOps.targetPlansHint')}>
        <Select mode="multiple" showSearch optionFilterProp="label" loading={catalog.loading} options={plans} />
      </Form.Item>
    </FormModal>
  );
}
