// An organisation's aliases (曾用名, 俗称) in the administrator's organisation form: listed as tags, each removable,
// and a new one added; the server refuses a name that already stands for another organisation (409, shown here).
import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { addOrgAlias, fetchOrgAliases, removeOrgAlias, type Organisation } from '../../api/admin';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';

export function OrgAliasEditor({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const aliases = useApiData((signal) => fetchOrgAliases(org.id, signal), [org.id]);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function add() {
    if (!draft.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await addOrgAlias(org.id, draft.trim());
      setDraft('');
      void message.success(t('admin.aliasAdded'));
      aliases.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(aliasId: string) {
    setError(undefined);
    try {
      await removeOrgAlias(org.id, aliasId);
      aliases.reload();
    } catch (err) {
      setError(err);
    }
  }

  const items = aliases.data?.items ?? [];
  return (
    <div data-testid="org-aliases">
      <Typography.Text strong>{t('admin.aliases')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('admin.aliasesHint')}
      </Typography.Paragraph>
      <Flex gap={4} wrap style={{ marginBottom: 8 }}>
        {items.length === 0 && <Typography.Text type="secondary">{t('admin.noAliases')}</Typography.Text>}
        {items.map((a) => (
          <Popconfirm key={a.id} title={t('admin.aliasRemoveConfirm', { alias: a.alias })} onConfirm={() => void remove(a.id)} okText={t('admin.aliasRemove')} cancelText={t('admin.cancel')}>
            <Tag closable onClose={(e) => e.preventDefault()} data-testid={`org-alias-${a.alias}`}>
              {a.alias}
            </Tag>
          </Popconfirm>
        ))}
      </Flex>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={draft}
          maxLength={100}
          placeholder={t('admin.aliasPlaceholder')}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            void add();
          }}
          data-testid="org-alias-input"
        />
        <Button onClick={() => void add()} loading={busy} disabled={!draft.trim()} data-testid="org-alias-add">
          {t('admin.aliasAdd')}
        </Button>
      </Space.Compact>
      {error !== undefined && <ErrorAlert error={error} />}
    </div>
  );
}
