// User accounts (security administrator): search, change a role, unlock an account locked by failed sign-ins,
// reset a password (which ends that user's sessions).
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { fetchUsers, resetPassword, ROLES, unlockUser, updateUser, type UserAccount } from '../../api/admin';
import { ApiError } from '../../api/errors';
import type { Role } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../i18n';

export function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [page, setPage] = useState(1);
  const state = useApiData((signal) => fetchUsers({ q: q || undefined, role, page }, signal), [q, role, page]);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const [rowBusy, setRowBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(undefined);

  async function run(id: string, action: () => Promise<unknown>, done: MessageKey) {
    setRowBusy(id);
    setActionError(undefined);
    try {
      await action();
      void message.success(t(done));
      state.reload();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('admin.stale'));
        state.reload();
      } else setActionError(err);
    } finally {
      setRowBusy(null);
    }
  }

  const isLocked = (u: UserAccount) => !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();

  return (
    <>
      <PageTitle title={t('admin.usersTitle')} subtitle={t('admin.usersHint')} />
      <Card className="zy-card">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label={t('admin.search')}
            placeholder={t('admin.search')}
            allowClear
            style={{ width: 260 }}
            onSearch={(v) => {
              setPage(1);
              setQ(v.trim());
            }}
            data-testid="user-search"
          />
          <Select<Role | ''>
            aria-label={t('admin.roleFilter')}
            style={{ width: 200 }}
            value={role ?? ''}
            onChange={(v) => {
              setPage(1);
              setRole(v || undefined);
            }}
            options={[{ value: '', label: t('admin.allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))]}
          />
        </Flex>
        {actionError !== undefined && <ErrorAlert error={actionError} />}
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('admin.noUsers')} />}>
          {(d) => (
            <div data-testid="users-table">
              <Table<UserAccount>
                rowKey="id"
                size="middle"
                dataSource={d.items}
                scroll={{ x: true }}
                pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage, hideOnSinglePage: true, showTotal: (total) => t('admin.total', { total }) }}
                onRow={(u) => ({ 'data-testid': `user-${u.username}` }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('admin.username'), dataIndex: 'username', render: (n: string) => <code>{n}</code> },
                  { title: t('admin.displayName'), dataIndex: 'displayName' },
                  { title: t('admin.org'), key: 'org', render: (_: unknown, u: UserAccount) => u.org.name },
                  {
                    title: t('admin.role'),
                    dataIndex: 'role',
                    render: (r: Role, u: UserAccount) => (
                      <Select<Role>
                        aria-label={t('admin.roleLabel', { name: u.displayName })}
                        size="small"
                        style={{ width: 170 }}
                        value={r}
                        disabled={rowBusy === u.id}
                        onChange={(next) => void run(u.id, () => updateUser(u.id, { role: next }), 'admin.roleChanged')}
                        options={ROLES.map((x) => ({ value: x, label: t(`role.${x}` as MessageKey) }))}
                        data-testid={`role-${u.username}`}
                      />
                    ),
                  },
                  {
                    title: t('admin.userState'),
                    key: 'state',
                    render: (_: unknown, u: UserAccount) =>
                      u.disabled ? (
                        <Tag>{t('admin.disabled')}</Tag>
                      ) : isLocked(u) ? (
                        <Tag color="error" data-testid={`locked-${u.username}`}>
                          {t('admin.locked', { time: formatDateTime(u.lockedUntil) })}
                        </Tag>
                      ) : (
                        <Tag color="success">{t('admin.normal')}</Tag>
                      ),
                  },
                  { title: t('admin.lastLogin'), dataIndex: 'lastLoginAt', render: (d: string | null | undefined) => (d ? formatDateTime(d) : '—') },
                  {
                    title: t('admin.actions'),
                    key: 'actions',
                    render: (_: unknown, u: UserAccount) => (
                      <Space>
                        {isLocked(u) && (
                          <Button size="small" loading={rowBusy === u.id} onClick={() => void run(u.id, () => unlockUser(u.id), 'admin.unlocked')} data-testid={`unlock-${u.username}`}>
                            {t('admin.unlock')}
                          </Button>
                        )}
                        <Button size="small" onClick={() => setResetting(u)} data-testid={`reset-${u.username}`}>
                          {t('admin.resetPassword')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            </div>
          )}
        </PageState>
      </Card>
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserAccount; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function submit(v: { password: string }) {
    setBusy(true);
    setError(undefined);
    try {
      await resetPassword(user.id, v.password);
      void message.success(t('admin.passwordReset'));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('admin.resetTitle', { name: `${user.displayName}（${user.username}）` })}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'reset-save' } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="password" label={t('admin.newPassword')} rules={[{ required: true, message: t('admin.required') }]}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('admin.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('admin.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
      <Typography.Text type="secondary">{t('admin.usersHint')}</Typography.Text>
    </Modal>
  );
}
