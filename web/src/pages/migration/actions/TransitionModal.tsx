// One migration action's form: what the server's transition needs, nothing more. Field refusals from the server
// show on their fields (FormModal); a stale ETag is handed back to the caller, which reloads.
import { Form, Input, Select } from 'antd';
import { LEVELS, STRATEGIES } from '@migration/vocabulary';
import type { MigrationTransitionAction } from '@migration/workflow';
import { takeTransition, fetchWaves, type MigrationSystem, type TransitionBodies } from '../../../api/migration';
import { ENTITLED_STATES, listProjects } from '../../../api/projects';
import { FormModal } from '../../../components/FormModal';
import { formatDate } from '../../../format/dates';
import { useApiData } from '../../../hooks/useApiData';
import { useCatalogView } from '../../../hooks/useCatalogView';
import { useI18n, type MessageKey } from '../../../i18n';

const FIELDS = ['strategy', 'effort', 'risk', 'targetPlanCodes', 'blockingIssues', 'waveId', 'projectId', 'reason', 'note'];

interface Props {
  action: MigrationTransitionAction;
  system: MigrationSystem;
  etag: string | null;
  onClose(): void;
  onDone(): void;
  /** true when the caller handled the error (a stale ETag) */
  onError(error: unknown): boolean;
}

type Values = Partial<Record<string, unknown>>;

export function TransitionModal({ action, system, etag, onClose, onDone, onError }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  async function submit(values: Values) {
    const note = typeof values.note === 'string' && values.note.trim() ? values.note.trim() : undefined;
    await takeTransition(system.id, etag, action, { ...values, note } as TransitionBodies[typeof action]);
    onDone();
  }

  return (
    <FormModal<Values>
      open
      title={`${t(`migration.action.${action}` as MessageKey)} · ${system.name}`}
      okText={t('migrationOps.confirm')}
      okTestId="transition-confirm"
      danger={action === 'block'}
      width={action === 'assess' ? 680 : 520}
      form={form}
      fields={FIELDS}
      ariaLabel={t(`migration.action.${action}` as MessageKey)}
      initialValues={action === 'assess' ? { strategy: system.strategy ?? undefined, effort: system.effort ?? 'MEDIUM', risk: system.risk ?? 'MEDIUM', targetPlanCodes: system.targetPlanCodes, blockingIssues: system.blockingIssues } : undefined}
      onCancel={onClose}
      onSubmit={submit}
      handled={onError}
    >
      {action === 'assess' && <AssessFields />}
      {action === 'plan' && <WaveField />}
      {action === 'verify' && <ProjectField orgId={system.org.id} />}
      {action === 'block' ? (
        <Form.Item name="reason" label={t('migrationOps.reason')} rules={[{ required: true, whitespace: true, message: t('migrationOps.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      ) : (
        <Form.Item name="note" label={t('migrationOps.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </FormModal>
  );
}

function AssessFields() {
  const { t } = useI18n();
  const catalog = useCatalogView(undefined);
  const plans = (catalog.data?.offerings ?? [])
    .filter((o) => o.status === 'ACTIVE')
    .flatMap((o) => o.plans.filter((p) => p.status === 'ACTIVE').map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` })));
  return (
    <>
      <Form.Item name="strategy" label={t('register.field.strategy')} rules={[{ required: true, message: t('migrationOps.strategyRequired') }]}>
        <Select showSearch optionFilterProp="label" options={STRATEGIES.map((s) => ({ value: s, label: t(`migration.strategy.${s}` as MessageKey) }))} />
      </Form.Item>
      <Flex2>
        <Form.Item name="effort" label={t('register.field.effort')} rules={[{ required: true }]} style={{ flex: 1 }}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`register.level.${l}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="risk" label={t('register.field.risk')} rules={[{ required: true }]} style={{ flex: 1 }}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`register.level.${l}` as MessageKey) }))} />
        </Form.Item>
      </Flex2>
      <Form.Item name="targetPlanCodes" label={t('register.field.targetPlanCodes')} extra={t('migrationOps.targetPlansHint')}>
        <Select mode="multiple" showSearch optionFilterProp="label" loading={catalog.loading} options={plans} />
      </Form.Item>
      <Form.Item name="blockingIssues" label={t('register.field.blockingIssues')} extra={t('migrationOps.blockingIssuesHint')}>
        <Select mode="tags" open={false} tokenSeparators={['；', ';']} aria-label={t('register.field.blockingIssues')} />
      </Form.Item>
    </>
  );
}

function Flex2({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'flex', gap: 12 }}>{children}</div>;
}

function WaveField() {
  const { t } = useI18n();
  const waves = useApiData((signal) => fetchWaves(signal), []);
  return (
    <Form.Item name="waveId" label={t('register.field.wave')} rules={[{ required: true, message: t('migrationOps.waveRequired') }]} extra={waves.data?.items.length === 0 ? t('migrationOps.noWaves') : undefined}>
      <Select
        showSearch
        optionFilterProp="label"
        loading={waves.loading}
        options={(waves.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${formatDate(w.startDate)} – ${formatDate(w.endDate)}）` }))}
      />
    </Form.Item>
  );
}

/** The projects the system may now run on: established ones with provisioned resources; its organisation's first. */
function ProjectField({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const projects = useApiData((signal) => listProjects({ status: [...ENTITLED_STATES], pageSize: 200 }, signal), []);
  const items = [...(projects.data?.items ?? [])].sort((a, b) => Number(b.orgId === orgId) - Number(a.orgId === orgId));
  return (
    <Form.Item name="projectId" label={t('migrationOps.project')} rules={[{ required: true, message: t('migrationOps.projectRequired') }]} extra={t('migrationOps.projectHint')}>
      <Select showSearch optionFilterProp="label" loading={projects.loading} options={items.map((p) => ({ value: p.id, label: `${p.code} ${p.name}${p.orgName ? `（${p.orgName}）` : ''}` }))} />
    </Form.Item>
  );
}
