// The sub-center's technical review of a resource request: approve, or return with a note (If-Match; a 412 reloads).
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Space } from 'antd';
import { ApiError } from '../../../api/errors';
import { decideRequest, type OperatorRequest } from '../../../api/operator';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';

export function ReviewCard({ request, etag, onDone }: { request: OperatorRequest; etag: string | null; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  async function decide(action: 'approve' | 'return') {
    if (action === 'return' && !note.trim()) {
      setError(new ApiError(400, 'NOTE_REQUIRED', t('operator.noteRequired')));
      return;
    }
    setBusy(action);
    setError(undefined);
    try {
      await decideRequest(request.id, action, etag, note.trim() || undefined);
      void message.success(t(action === 'approve' ? 'operator.approved' : 'operator.returned'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('operator.stale'));
        onDone();
      } else setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card className="zy-card" title={t('operator.reviewCard')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor="operator-note">{t('operator.noteLabel')}</label>
        <Input.TextArea id="operator-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        {error !== undefined && <ErrorAlert error={error} />}
        <Flex gap={8}>
          <Button type="primary" data-testid="request-approve" loading={busy === 'approve'} disabled={busy !== null} onClick={() => void decide('approve')}>
            {t('operator.approve')}
          </Button>
          <Button danger data-testid="request-return" loading={busy === 'return'} disabled={busy !== null} onClick={() => void decide('return')}>
            {t('operator.return')}
          </Button>
        </Flex>
      </Space>
    </Card>
  );
}
