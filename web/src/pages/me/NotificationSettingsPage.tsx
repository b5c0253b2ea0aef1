// My notification settings (every signed-in user, their own only): for each event whether it also reaches me by
// e-mail and by my organisation's webhook, the daily digest, and the language of what is sent.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { fetchPreferences, savePreferences, type NotificationPreferences } from '../../api/notificationSettings';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';

type Row = NotificationPreferences['events'][number];

export function NotificationSettingsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const state = useApiData((signal) => fetchPreferences(signal), []);
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => setDraft(state.data?.data ?? null), [state.data]);

  const setEvent = (event: Row['event'], channel: 'email' | 'webhook', on: boolean) =>
    setDraft((d) => d && { ...d, events: d.events.map((e) => (e.event === event ? { ...e, [channel]: on } : e)) });
  const setAll = (channel: 'email' | 'webhook', on: boolean) => setDraft((d) => d && { ...d, events: d.events.map((e) => ({ ...e, [channel]: on })) });

  async function save() {
    if (!draft || !state.data) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await savePreferences(state.data.etag, {
        emailEvents: draft.events.filter((e) => e.email).map((e) => e.event),
        webhookEvents: draft.events.filter((e) => e.webhook).map((e) => e.event),
        emailDigest: draft.emailDigest,
        locale: draft.locale,
      });
      state.setData(res);
      void message.success(t('notifySettings.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('admin.stale'));
        state.reload();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title={t('notifySettings.title')} subtitle={t('notifySettings.hint')} />
      <PageState state={state}>
        {() =>
          draft && (
            <Card className="zy-card" data-testid="notification-settings">
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                {!draft.smtpConfigured ? (
                  <Alert type="info" showIcon message={t('notifySettings.noSmtp')} />
                ) : !draft.email ? (
                  <Alert type="warning" showIcon message={t('notifySettings.noAddress')} />
                ) : (
                  <Typography.Text>{t('notifySettings.emailTo', { email: draft.email })}</Typography.Text>
                )}
                <Alert type={draft.webhookAvailable ? 'success' : 'info'} showIcon message={t(draft.webhookAvailable ? 'notifySettings.webhookOn' : 'notifySettings.noWebhook')} />
                {!draft.custom && <Tag data-testid="preferences-defaults">{t('notifySettings.defaults')}</Tag>}
                <Table<Row>
                  rowKey="event"
                  size="small"
                  pagination={false}
                  dataSource={draft.events}
                  onRow={(r) => ({ 'data-testid': `event-${r.event}` }) as React.HTMLAttributes<HTMLElement>}
                  columns={[
                    { title: t('notifySettings.event'), key: 'label', render: (_: unknown, r: Row) => (locale === 'en' ? r.labelEn : r.label) },
                    {
                      title: (
                        <Flex gap={8} align="center">
                          {t('notifySettings.email')}
                          <Switch size="small" aria-label={t('notifySettings.allEmail')} disabled={!draft.emailAvailable} checked={draft.events.every((e) => e.email)} onChange={(on) => setAll('email', on)} />
                        </Flex>
                      ),
                      key: 'email',
                      render: (_: unknown, r: Row) => (
                        <Switch
                          aria-label={`${t('notifySettings.email')}：${locale === 'en' ? r.labelEn : r.label}`}
                          disabled={!draft.emailAvailable}
                          checked={r.email}
                          onChange={(on) => setEvent(r.event, 'email', on)}
                          data-testid={`email-${r.event}`}
                        />
                      ),
                    },
                    {
                      title: (
                        <Flex gap={8} align="center">
                          {t('notifySettings.webhook')}
                          <Switch size="small" aria-label={t('notifySettings.allWebhook')} checked={draft.events.every((e) => e.webhook)} onChange={(on) => setAll('webhook', on)} />
                        </Flex>
                      ),
                      key: 'webhook',
                      render: (_: unknown, r: Row) => (
                        <Switch
                          aria-label={`${t('notifySettings.webhook')}：${locale === 'en' ? r.labelEn : r.label}`}
                          checked={r.webhook}
                          onChange={(on) => setEvent(r.event, 'webhook', on)}
                          data-testid={`webhook-${r.event}`}
                        />
                      ),
                    },
                  ]}
                />
                <Flex gap={24} wrap align="center">
                  <Space>
                    <Switch
                      aria-label={t('notifySettings.digest')}
                      disabled={!draft.emailAvailable}
                      checked={draft.emailDigest}
                      onChange={(on) => setDraft({ ...draft, emailDigest: on })}
                      data-testid="preferences-digest"
                    />
                    <span>{t('notifySettings.digest')}</span>
                    <Typography.Text type="secondary">{t('notifySettings.digestHint')}</Typography.Text>
                  </Space>
                  <Space>
                    <span>{t('notifySettings.locale')}</span>
                    <Select
                      aria-label={t('notifySettings.locale')}
                      style={{ width: 140 }}
                      value={draft.locale}
                      onChange={(v) => setDraft({ ...draft, locale: v })}
                      options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]}
                      data-testid="preferences-locale"
                    />
                  </Space>
                </Flex>
                {error !== undefined && <ErrorAlert error={error} />}
                <Button type="primary" loading={busy} onClick={() => void save()} data-testid="preferences-save">
                  {t('notifySettings.save')}
                </Button>
              </Space>
            </Card>
          )
        }
      </PageState>
    </>
  );
}
