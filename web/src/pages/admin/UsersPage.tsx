// User accounts (security administrator): search by username, name or organisation and filter by role and
// organisation on the server (kept in the address, exported as shown), change a role, unlock an account locked by
// failed sign-ins, reset a password (which ends that user's sessions). Separation of duties (accounts/role-rules.ts):
// a role is offered only where it fits the account's organisation, an administrator's role not at all, and an account
// whose role does not fit (made before the rules) is marked and can be listed alone; the server refuses the rest.
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { fetchOrgs, fetchUsers, resetPassword, ROLES, unlockUser, updateUser, USERS_PAGE_SIZE, type Organisation, type UserAccount } from '../../api/admin';
import { isAdminRole, roleFitsOrg, rolesFor } from '@accounts/role-rules';
import { BUSINESS_ROLES } from '@accounts/vocabulary';
import { ApiError } from '../../api/errors';
import { ListToolbar, useListExport } from '../../components/ListToolbar';
import type { Role } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { serverTable, useListParams } from '../../hooks/useListParams';
import { useI18n, type MessageKey } from '../../i18n';

const FILTERS = ['role', 'orgId', 'dutyConflict'] as const;

/** The roles the console offers for an account: its own, and (a business account's) those that fit its organisation. */
function roleChoices(u: UserAccount, org: Organisation | undefined): Role[] {
  if (isAdminRole(u.role) || !org) return [u.role];
  const fitting = rolesFor(org, BUSINESS_ROLES);
  return fitting.includes(u.role) ? fitting : [u.role, ...fitting];
}

export function UsersPage() {
  const { t } = useI18n();
  const exportOf = useListExport();
  const { message } = App.useApp();
  const list = useListParams(FILTERS);
  const query = list.query as { q?: string; role?: Role; orgId?: string; dutyConflict?: 'true' | 'false' };
  const state = useApiData((signal) => fetchUsers({ ...query, page: list.page }, signal), [JSON.stringify(query), list.page]);
  const orgs = useApiData((signal) => fetchOrgs(signal), []);
  const orgById = new Map((orgs.data?.items ?? []).map((o) => [o.id, o]));
  const misfit = (u: UserAccount) => {
    const org = orgById.get(u.orgId);
    return !!org && !roleFitsOrg(u.role, org);
  };
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
        <ListToolbar
          list={list}
          placeholder={t('list.userSearch')}
          testId="users"
          exporting={exportOf('/api/users/export', query, t('list.usersFile'))}
        >
          <Select<Role | ''>
            aria-label={t('admin.roleFilter')}
            style={{ width: 200 }}
            value={(list.filters.role as Role | undefined) ?? ''}
            onChange={(v) => list.setFilter('role', v || undefined)}
            options={[{ value: '', label: t('admin.allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))]}
            data-testid="users-role"
          />
          <Select<string>
            aria-label={t('list.filter.org')}
            style={{ width: 240 }}
            showSearch
            optionFilterProp="label"
            value={list.filters.orgId ?? ''}
            onChange={(v) => list.setFilter('orgId', v || undefined)}
            options={[{ value: '', label: t('list.filter.allOrgs') }, ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))]}
            data-testid="users-org"
          />
          <Select<string>
            aria-label={t('admin.dutyFilter')}
            style={{ width: 180 }}
            value={list.filters.dutyConflict ?? ''}
            onChange={(v) => list.setFilter('dutyConflict', v || undefined)}
            options={[
              { value: '', label: t('admin.allAccounts') },
              { value: 'true', label: t('admin.onlyConflicts') },
            ]}
            data-testid="users-duty"
          />
        </ListToolbar>
        {actionError !== undefined && <ErrorAlert error={actionError} />}
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('admin.noUsers')} />}>
          {(d) => (
            <div data-testid="users-table">
              <Table<UserAccount>
                rowKey="id"
                size="middle"
                dataSource={d.items}
                scroll={{ x: true }}
                {...serverTable(list, d.total, USERS_PAGE_SIZE)}
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
                        title={isAdminRole(r) ? t('admin.adminRoleFixed') : undefined}
                        size="small"
                        style={{ width: 170 }}
                        value={r}
                        disabled={rowBusy === u.id || isAdminRole(r)}
                        onChange={(next) => void run(u.id, () => updateUser(u.id, { role: next }), 'admin.roleChanged')}
                        options={roleChoices(u, orgById.get(u.orgId)).map((x) => ({ value: x, label: t(`role.${x}` as MessageKey) }))}
                        data-testid={`role-${u.username}`}
                      />
                    ),
                  },
                  {
                    title: t('admin.userState'),
                    key: 'state',
                    render: (_: unknown, u: UserAccount) =>
                      misfit(u) && !u.disabled ? (
                        <Tag color="warning" title={t('admin.dutyConflictHint')} data-testid={`conflict-${u.username}`}>
                          {t('admin.dutyConflict')}
                        </Tag>
                      ) : u.disabled ? (
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
