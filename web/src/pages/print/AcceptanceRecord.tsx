// 竣工验收备案表: the department's acceptance of the finished project (Art. 17), the four conditions it checked, and
// its filing with GIA.
import type { Project } from '../../api/projects';
import { formatLongDate } from '../../format/dates';
import { useI18n } from '../../i18n';
import { EVIDENCE } from '../portal/detail/AcceptanceForm';
import { OfficialRecord, RecordTable } from './OfficialRecord';
import { projectRows } from './projectRows';
import { acceptanceOf, giaOf } from './records';

export function AcceptanceRecord({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const f = acceptanceOf(p)!;
  const { acceptanceDate, evidence, summary } = f.data;
  return (
    <OfficialRecord
      head={{ title: t('print.acceptance.title'), number: p.code, organisation: p.org.name, date: acceptanceDate }}
      signatures={[{ role: t('print.handler') }, { role: t('print.head') }]}
      seals={[
        { org: p.org.name, date: acceptanceDate },
        { org: giaOf(p), date: f.at },
      ]}
    >
      <RecordTable
        testId="print-decision"
        rows={[
          ...projectRows(p, t),
          [t('print.approvalNumber'), p.approvalNumber ?? '—'],
          [t('print.acceptance.date'), <span data-testid="print-acceptance-date">{formatLongDate(acceptanceDate, locale)}</span>],
          [t('print.acceptance.filedAt'), formatLongDate(f.at, locale)],
          [t('print.acceptance.recipient'), giaOf(p)],
          [
            t('print.acceptance.evidence'),
            <ul className="zy-plain-list">
              {EVIDENCE.map((k) => (
                <li key={k}>
                  {t(`filings.${k}`)}{t('punct.colon')}{evidence[k] ? t('print.acceptance.met') : t('print.acceptance.notMet')}
                </li>
              ))}
            </ul>,
          ],
          [t('print.acceptance.summary'), <p className="zy-print-pre">{summary}</p>],
        ]}
      />
    </OfficialRecord>
  );
}
