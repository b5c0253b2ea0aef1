// After a decision: on to the next project waiting in the same queue, or back to the queue (which has moved on).
import { useEffect, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { fetchQueue } from '../../../api/projects';
import type { QueueStage } from '@projects/workflow';
import { useI18n } from '../../../i18n';

export function NextInQueue({ stage, current }: { stage: QueueStage; current: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [next, setNext] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const ctrl = new AbortController();
    fetchQueue(stage, ctrl.signal).then(
      (page) => setNext(page.items.find((i) => i.id !== current)?.id ?? null),
      () => setNext(null),
    );
    return () => ctrl.abort();
  }, [stage, current]);
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="next-in-queue"
      title={next === null ? t('queue.afterDecisionEmpty') : t('queue.afterDecision')}
      action={
        <Space>
          {next && (
            <Button type="primary" size="small" onClick={() => navigate(`/review/projects/${next}`)} data-testid="queue-next">
              {t('queue.next')}
            </Button>
          )}
          <Button size="small" onClick={() => navigate(`/review/queue?stage=${stage}`)} data-testid="queue-back">
            {t('queue.back')}
          </Button>
        </Space>
      }
    />
  );
}
