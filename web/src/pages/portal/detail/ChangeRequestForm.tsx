// A change of scope on an established project (Art. 15): the resource lines as they should be after the change,
// picked from the current catalog and checked live by the server's own validator (the line rules it applies to a
// change request), what changes against the current lines, and the reason. Sent with If-Match; GIA decides.
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { OrgKindCode, ProjectForValidation } from '@projects/validation-input';
import { ApiError, type RuleViolation } from '../../../api/errors';
import { requestChange } from '../../../api/projects';
import type { Project } from '../../../api/projects';
import { FormError, withoutFields } from '../../../components/FormError';
import { LineChangesTable } from '../../../components/project/LineChangesTable';
import { ViolationList } from '../../../components/ViolationList';
import { useCatalogView } from '../../../hooks/useCatalogView';
import { useI18n } from '../../../i18n';
import { linesFrom, newKey, numberLines, type LineRow, type NumberedLine } from '../wizard/draftState';
import { LineEditor } from '../wizard/LineEditor';
import { incompleteLines } from '../wizard/saveDraft';
import { placeViolations, useLiveValidation } from '../wizard/useLiveValidation';

interface Values {
  reason: string;
}

/** The project as the validator reads it, with `lines` in place of its own. */
function validationInput(p: Project, lines: NumberedLine[]): ProjectForValidation {
  return {
    name: p.name,
    type: p.type,
    orgKind: p.org.kind as OrgKindCode,
    description: p.description ?? '',
    components: p.components,
    totalBudget: p.totalBudget,
    emergency: p.emergency,
    emergencyConsentRef: p.emergencyConsentRef,
    privateNetwork: p.privateNetwork,
    privateNetworkApprovalRef: p.privateNetworkApprovalRef,
    informationResources: p.informationResources,
    lines: lines.map((l) => ({ lineNo: l.displayNo, planCode: l.planCode ?? '', quantity: l.quantity ?? 0, purpose: l.purpose })),
  };
}

const plain = (l: NumberedLine) => ({ planCode: l.planCode ?? '', quantity: l.quantity ?? 0, purpose: l.purpose.trim() });

export function ChangeRequestForm({ project: p, etag, onDone, onStale }: { project: Project; etag: string | null; onDone(): void; onStale(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // the server checks a change request against the catalog revision published now, and pins the project to it
  const catalog = useCatalogView(undefined);
  const pinned = useCatalogView(p.catalogRevision);
  // the lines after the change are numbered afresh, 1…n, as the server will number them
  const [rows, setRows] = useState<LineRow[]>(() => linesFrom(p).map(({ lineNo: _n, ...r }) => r));
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const numbered = useMemo(() => numberLines(rows), [rows]);
  const input = useMemo(() => validationInput(p, numbered), [p, numbered]);
  const live = useLiveValidation(input, catalog.data, locale);

  // the line rules only, as the server applies them to a change request; the server's own answer (a 422 with
  // violations, or a 400 naming a line's field) sits on the lines too until the lines change
  const serverLineIssues: RuleViolation[] =
    error instanceof ApiError ? [...error.violations, ...error.fields.filter((f) => f.path.startsWith('lines.')).map((f) => ({ code: f.code, message: f.message, field: f.path }))] : [];
  const placed = placeViolations([...(live?.violations.all ?? []).filter((v) => v.line !== undefined), ...serverLineIssues], (line) => (line >= 1 && line <= rows.length ? line - 1 : undefined));
  const unchanged = numbered.length === p.lines.length && numbered.every((l, i) => {
    const c = p.lines[i];
    return c !== undefined && l.planCode === c.planCode && l.quantity === c.quantity && l.purpose.trim() === c.purpose.trim();
  });
  const complete = numbered.filter((l) => incompleteLines([l]).length === 0);
  // what the lines do not show: the message of a refusal without violations, and fields other than the lines'
  const lineFields = error instanceof ApiError ? error.fields.map((f) => f.path).filter((path) => path.startsWith('lines.')) : [];
  const formError = error instanceof ApiError && error.violations.length > 0 ? undefined : withoutFields(error, lineFields);

  function setLines(next: LineRow[]) {
    setRows(next);
    if (error instanceof ApiError && (error.violations.length || error.fields.some((f) => f.path.startsWith('lines.')))) setError(undefined);
  }
  const strip = (list: NumberedLine[]): LineRow[] => list.map(({ displayNo: _d, ...r }) => r);

  async function onFinish(v: Values) {
    const bad = incompleteLines(rows);
    if (bad.length) {
      message.warning(t('wizard.lineIncomplete', { lines: bad.map((i) => numbered[i]?.displayNo ?? i + 1).join('、') }));
      return;
    }
    if (placed.lines.size > 0 || placed.lineList.length > 0) {
      message.warning(t('changeRequest.fixFirst'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await requestChange(p.id, etag, { reason: v.reason.trim(), lines: numbered.map(plain) });
      message.success(t('changeRequest.done'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        message.warning(t('common.staleReloaded'));
        onStale();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values> form={form} name="change-request" layout="vertical" onFinish={(v) => void onFinish(v)} aria-label={t('changeRequest.title')} data-testid="change-request-form">
      <Typography.Paragraph type="secondary">{t('changeRequest.hint', { rev: catalog.data?.revision.number ?? '…' })}</Typography.Paragraph>
      {error instanceof ApiError && error.violations.length > 0 && <ViolationList violations={error.violations} title={t('changeRequest.refused', { n: error.violations.length })} />}
      <FormError form={form} error={formError} names={['reason']} />
      {placed.lineList.length > 0 && <ViolationList violations={placed.lineList} testId="change-line-list-violations" />}
      {catalog.data ? (
        <>
          {numbered.map((l, i) => (
            <LineEditor
              key={l.key}
              index={i}
              line={l}
              view={catalog.data!}
              amount={live?.cost.perLine[i]?.amount ?? 0}
              violations={placed.lines.get(i) ?? []}
              onChange={(patch) => setLines(strip(numbered.map((x, j) => (j === i ? { ...x, ...patch } : x))))}
              onRemove={() => setLines(strip(numbered.filter((_, j) => j !== i)))}
            />
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => setLines([...rows, { key: newKey(), quantity: 1, purpose: '' }])} data-testid="change-add-line" style={{ marginBottom: 16 }}>
            {t('lines.add')}
          </Button>
        </>
      ) : (
        <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>
      )}
      <Card size="small" className="zy-card" title={t('changeRequest.preview')}>
        <LineChangesTable current={p.lines} requested={complete.map(plain)} currentView={pinned.data} requestedView={catalog.data} />
      </Card>
      <Form.Item label={t('changeRequest.reason')} name="reason" extra={t('changeRequest.reasonHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      {unchanged && <Typography.Paragraph type="secondary" data-testid="change-unchanged">{t('changeRequest.unchanged')}</Typography.Paragraph>}
      <Button type="primary" htmlType="submit" loading={busy} disabled={unchanged || rows.length === 0} data-testid="change-submit">
        {t('changeRequest.submit')}
      </Button>
    </Form>
  );
}
