// GIA's bulk action on the deadlines it oversees: remind every overdue obligation shown (催办), after a confirmation
// that says how many units and obligations it reaches. Offered when the list says the reader may remind.
import { App, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ownerOf, remindDeadlines, type DeadlineList } from '../../../api/deadlines';
import { ConfirmSummary, useConfirm } from '../../../hooks/useConfirm';
import { useI18n } from '../../../i18n';

export function RemindOverdue({ list, reload }: { list: DeadlineList; reload(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const [busy, setBusy] = useState(false);
  if (!list.allowedActions?.some((a) => a.action === 'remind' && a.enabled)) return null;
  // the overdue this reader supervises: the city's GIA oversees the counties' but reminds only its own (Art. 39)
  const overdue = list.items.filter((d) => d.remindable);
  if (!overdue.length) return null;
  const units = new Set(overdue.map((d) => ownerOf(d).orgName)).size;

  async function run() {
    const yes = await confirm({
      title: t('deadlines.remindTitle'),
      summary: <ConfirmSummary subject={t('deadlines.remindSubject', { units, n: overdue.length })} effect={t('deadlines.remindEffect')} />,
    });
    if (!yes) return;
    setBusy(true);
    try {
      const r = await remindDeadlines(overdue.map((d) => d.id));
      message.success(t('deadlines.remindDone', { reminded: r.reminded, alreadyToday: r.alreadyToday }));
      reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : t('deadlines.remindFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button icon={<BellOutlined />} loading={busy} onClick={() => void run()} data-testid="remind-overdue">
      {t('deadlines.remind', { n: overdue.length })}
    </Button>
  );
}
