// The sub-center's workspace for a draft catalog revision: its title and notes, every offering and plan with
// add / change / retire / reinstate (and remove, for what this draft added), then submit for GIA and Finance
// approval or discard. Every change sends the draft's ETag; a 412 means a colleague changed it: reload and say so.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CATEGORIES } from '@catalog/view';
import {
  removeOffering,
  removePlan,
  revisionTransition,
  updateDraft,
  upsertOffering,
  upsertPlan,
  type OfferingInput,
  type PlanInput,
} from '../../../../api/catalog';
import { ApiError } from '../../../../api/errors';
import type { CatalogDiff, OfferingView, PlanView, RevisionDetail } from '../../../../api/catalog';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { formatYuan } from '../../../../format/money';
import { useI18n, type MessageKey } from '../../../../i18n';
import { OfferingFormModal } from './OfferingFormModal';
import { PlanFormModal } from './PlanFormModal';

interface Props {
  detail: RevisionDetail;
  etag: string | null;
  diff: CatalogDiff | undefined;
  onChanged(): void;
  onDiscarded(): void;
}

type Editing = { kind: 'offering'; offering: OfferingView | null } | { kind: 'plan'; offering: OfferingView; plan: PlanView | null } | null;

/** Ant Design's button props are typed without data-* attributes */
const testId = (id: string) => ({ 'data-testid': id }) as Record<`data-${string}`, string>;

const offeringInput = (o: OfferingView, status = o.status): OfferingInput => ({
  category: o.category,
  name: o.name,
  nameEn: o.nameEn,
  description: o.description,
  provisioner: o.provisioner,
  sharedService: o.sharedService,
  keywords: o.keywords,
  status,
});

const planInput = (p: PlanView, status = p.status): PlanInput => ({
  name: p.name,
  nameEn: p.nameEn,
  unit: p.unit,
  unitPrice: p.unitPrice,
  spec: p.spec,
  xinchuang: p.xinchuang,
  maxQuantity: p.maxQuantity,
  status,
});

export function DraftEditor({ detail, etag, diff, onChanged, onDiscarded }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [form] = Form.useForm<{ title: string; notes: string }>();
  const [category, setCategory] = useState<'all' | OfferingView['category']>('all');
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = detail.offerings.filter(
    (o) =>
      (category === 'all' || o.category === category) &&
      (!q || o.code.includes(q) || o.name.toLowerCase().includes(q) || o.plans.some((p) => p.code.includes(q) || p.name.toLowerCase().includes(q))),
  );
  const number = detail.revision.number;
  const added = new Set((diff?.added ?? []).map((e) => `${e.kind}:${e.code}`));

  /** runs one change; field errors of modal forms are shown by the modal itself, so those rethrow */
  async function run(call: () => Promise<unknown>, done: string, rethrow = false): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await call();
      void message.success(done);
      onChanged();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('common.staleReloaded'));
        onChanged();
      } else if (rethrow) throw err;
      else setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const statusTag = (s: 'ACTIVE' | 'RETIRED', key: string) =>
    added.has(key) ? <Tag color="green">{t('drafting.added')}</Tag> : s === 'RETIRED' ? <Tag>{t('drafting.retired')}</Tag> : null;

  const itemActions = (kind: 'offering' | 'plan', code: string, status: 'ACTIVE' | 'RETIRED', edit: () => void, setStatus: (s: 'ACTIVE' | 'RETIRED') => Promise<unknown>, remove: () => Promise<unknown>) => (
    <Space size={4} wrap>
      <Button size="small" onClick={edit} data-testid={`edit-${kind}-${code}`}>{t('drafting.edit')}</Button>
      {added.has(`${kind}:${code}`) ? (
        <Popconfirm title={t('drafting.removeConfirm')} okButtonProps={testId('remove-confirm')} onConfirm={() => void run(remove, t('drafting.removed'))}>
          <Button size="small" danger>{t('drafting.remove')}</Button>
        </Popconfirm>
      ) : status === 'ACTIVE' ? (
        <Popconfirm title={t(kind === 'plan' ? 'drafting.retirePlanConfirm' : 'drafting.retireOfferingConfirm')} okButtonProps={testId('retire-confirm')} onConfirm={() => void run(() => setStatus('RETIRED'), t('drafting.retiredDone'))}>
          <Button size="small" data-testid={`retire-${kind}-${code}`}>{t('drafting.retire')}</Button>
        </Popconfirm>
      ) : (
        <Button size="small" onClick={() => void run(() => setStatus('ACTIVE'), t('drafting.reinstated'))}>{t('drafting.reinstate')}</Button>
      )}
    </Space>
  );

  return (
    <Card size="small" className="zy-card" title={t('drafting.title')} data-testid="draft-editor">
      <Typography.Paragraph type="secondary">{t('drafting.hint')}</Typography.Paragraph>
      {error !== undefined && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: detail.revision.title, notes: detail.revision.notes ?? '' }}
        key={detail.revision.version}
        onFinish={(v) => void run(() => updateDraft(number, etag, { title: v.title.trim(), notes: v.notes.trim() || null }), t('drafting.saved'))}
      >
        <Form.Item name="title" label={t('drafting.revisionTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('drafting.notes')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>{t('drafting.saveTitle')}</Button>
      </Form>

      <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('drafting.offerings')}</Typography.Title>
        <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'offering', offering: null })} data-testid="add-offering">{t('drafting.addOffering')}</Button>
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Segmented<'all' | OfferingView['category']>
          value={category}
          onChange={setCategory}
          options={[
            { value: 'all', label: t('drafting.allCategories') },
            ...CATEGORIES.map((c) => ({ value: c, label: t(`catalog.cat.${c}` as MessageKey) })),
          ]}
        />
        <Input.Search allowClear aria-label={t('drafting.search')} placeholder={t('drafting.search')} style={{ maxWidth: 280 }} onChange={(e) => setQuery(e.target.value)} />
      </Flex>
      <Table<OfferingView>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={shown}
        data-testid="draft-offerings"
        expandable={{
          expandedRowRender: (o) => (
            <>
              <Table<PlanView>
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={o.plans}
                columns={[
                  { title: t('drafting.code'), dataIndex: 'code', render: (c: string, p) => <><code>{c}</code> {statusTag(p.status, `plan:${c}`)}</> },
                  { title: t('drafting.name'), dataIndex: 'name' },
                  { title: t('drafting.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (v: number, p) => `${formatYuan(v)} / ${p.unit}` },
                  { title: t('drafting.xinchuang'), key: 'xc', render: (_, p) => (p.xinchuang.certified ? <Tag color="red">{t('drafting.xinchuang.certified')}</Tag> : null) },
                  {
                    title: '',
                    key: 'actions',
                    render: (_, p) =>
                      itemActions('plan', p.code, p.status, () => setEditing({ kind: 'plan', offering: o, plan: p }),
                        (s) => upsertPlan(number, etag, o.code, p.code, planInput(p, s)),
                        () => removePlan(number, etag, o.code, p.code)),
                  },
                ]}
              />
              <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setEditing({ kind: 'plan', offering: o, plan: null })} data-testid={`add-plan-${o.code}`}>
                {t('drafting.addPlanShort')}
              </Button>
            </>
          ),
        }}
        columns={[
          { title: t('drafting.code'), dataIndex: 'code', render: (c: string, o) => <><code>{c}</code> {statusTag(o.status, `offering:${c}`)}</> },
          { title: t('drafting.category'), dataIndex: 'category', render: (c: string) => t(`catalog.cat.${c}` as MessageKey) },
          { title: t('drafting.name'), dataIndex: 'name' },
          { title: t('drafting.plans'), key: 'plans', align: 'right', render: (_, o) => o.plans.length },
          {
            title: '',
            key: 'actions',
            render: (_, o) =>
              itemActions('offering', o.code, o.status, () => setEditing({ kind: 'offering', offering: o }),
                (s) => upsertOffering(number, etag, o.code, offeringInput(o, s)),
                () => removeOffering(number, etag, o.code)),
          },
        ]}
      />

      <Flex gap={8} style={{ marginTop: 16 }}>
        <Popconfirm title={t('drafting.submitConfirm')} okButtonProps={testId('submit-confirm')} onConfirm={() => void run(() => revisionTransition(number, 'submit', etag), t('revisions.done.submit'))}>
          <Button type="primary" loading={busy} data-testid="revision-submit">{t('drafting.submit')}</Button>
        </Popconfirm>
        <Popconfirm
          title={t('drafting.discardConfirm')}
          okButtonProps={testId('discard-confirm')}
          onConfirm={() => void run(() => revisionTransition(number, 'discard', etag), t('revisions.done.discard')).then((ok) => ok && onDiscarded())}
        >
          <Button danger loading={busy} data-testid="revision-discard">{t('drafting.discard')}</Button>
        </Popconfirm>
      </Flex>

      <OfferingFormModal
        open={editing?.kind === 'offering'}
        offering={editing?.kind === 'offering' ? editing.offering : null}
        usedCodes={new Set(detail.offerings.map((o) => o.code))}
        onClose={() => setEditing(null)}
        onSave={async (code, input) => void (await run(() => upsertOffering(number, etag, code, input), t('drafting.saved'), true))}
      />
      {editing?.kind === 'plan' && (
        <PlanFormModal
          open
          offering={editing.offering}
          plan={editing.plan}
          usedCodes={new Set(detail.offerings.flatMap((o) => o.plans.map((p) => p.code)))}
          onClose={() => setEditing(null)}
          onSave={async (planCode, input) => void (await run(() => upsertPlan(number, etag, editing.offering.code, planCode, input), t('drafting.saved'), true))}
        />
      )}
    </Card>
  );
}
