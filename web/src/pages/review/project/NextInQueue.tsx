// After a decision: on to the next project waiting in the same queue, or back to the queue (which has moved on).
// A project opened from the queue carries the queue's search, filters and sort in its address (QueuePage): the next
// one is the next of that same search, and the way back returns to it.
import { useEffect, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { fetchQueue } from '../../../api/projects';
import type { QueueStage } from '@projects/workflow';
import { useI18n } from '../../../i18n';

export function NextInQueue({ stage, current }: { stage: QueueStage; current: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [search] = useSearchParams();
  const filters = Object.fromEntries([...search].filter(([k]) => k !== 'stage' && k !== 'page'));
  const from = new URLSearchParams({ ...filters, stage }).toString();
  useEffect(() => {
    const ctrl = new AbortController();
    fetchQueue(stage, ctrl.signal, filters).then(
      (page) => setNext(page.items.find((i) => i.id !== current)?.id ?? null),
      () => setNext(null),
    );
    return () => ctrl.abort();
    // `from` stands for the filters (a new object each render)
  }, [stage, current, from]);
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
            <Button type="primary" size="small" onClick={() => navigate(`/review/projects/${next}?${from}`)} data-testid="queue-next">
              {t('queue.next')}
            </Button>
          )}
          <Button size="small" onClick={() => navigate(`/review/queue?${from}`)} data-testid="queue-back">
            {t('queue.back')}
          </Button>
        </Space>
      }
    />
  );
}
