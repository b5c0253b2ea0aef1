// 公示: the public notice of the project's funding (Art. 10), its period and the objections it received.
import type { Project } from '../../api/projects';
import { formatLongDate } from '../../format/dates';
import { formatYuan } from '../../format/money';
import { useI18n } from '../../i18n';
import { OfficialRecord, RecordTable } from './OfficialRecord';
import { projectRows } from './projectRows';
import { giaOf, latestNotice } from './records';

export function NoticeRecord({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const n = latestNotice(p)!;
  const publisher = giaOf(p);
  return (
    <OfficialRecord
      head={{ title: t('print.notice.title'), number: p.code, organisation: publisher, date: n.startDate }}
      signatures={[{ role: t('print.handler') }, { role: t('print.head') }]}
      seals={[{ org: publisher, date: n.startDate }]}
    >
      <RecordTable
        testId="print-decision"
        rows={[
          [t('print.notice.heading'), n.title],
          ...projectRows(p, t),
          [t('print.notice.amount'), <span data-testid="print-notice-amount">{formatYuan(n.amount)}</span>],
          [t('print.notice.period'), <span data-testid="print-notice-period">{t('print.notice.periodValue', { start: formatLongDate(n.startDate, locale), end: formatLongDate(n.endDate, locale) })}</span>],
          [t('print.notice.content'), <p className="zy-print-pre">{n.content}</p>],
          [t('print.notice.objections'), n.objections.length === 0 ? t('print.notice.noObjections') : t('print.notice.objectionCount', { n: n.objections.length })],
        ]}
      />
    </OfficialRecord>
  );
}
