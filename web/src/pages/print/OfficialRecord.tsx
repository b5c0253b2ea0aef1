// The frame of every official record: an A4 sheet with its title, number, issuing organisation and date, the
// record's content, then the signature lines and the seal blocks. Above the sheet, on screen only, the print
// button (window.print(): the browser prints it or saves it as PDF); print.css hides it on paper.
import type { ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/PageState';
import { formatLongDate } from '../../format/dates';
import type { ApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import './print.css';

export interface RecordHead {
  title: string;
  /** 编号 */
  number: string;
  /** the issuing organisation */
  organisation: string;
  /** an ISO instant or a YYYY-MM-DD date */
  date: string;
}

/** A signature line: who signs (审核人, 经办人 …) and, when the record knows it, their printed name. */
export interface Signature {
  role: string;
  name?: string;
}

/** A seal block: the organisation whose seal goes there, and the date under it. */
export interface Seal {
  org: string;
  date: string;
}

/** Label and value rows of the record's table. */
export function RecordTable({ rows, testId }: { rows: [label: string, value: ReactNode][]; testId?: string }) {
  return (
    <table className="zy-print-table" data-testid={testId}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A table of the record with column headings; with `rowHeader` each row's first cell heads its row. */
export function RecordGrid({ caption, columns, rows, rowHeader, testId }: { caption?: string; columns: string[]; rows: [key: string, ...cells: ReactNode[]][]; rowHeader?: boolean; testId?: string }) {
  return (
    <table className="zy-print-table" data-testid={testId}>
      {caption && <caption className="zy-print-caption">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, first, ...rest]) => (
          <tr key={key}>
            {rowHeader ? <th scope="row">{first}</th> : <td>{first}</td>}
            {rest.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OfficialRecord({ head, signatures, seals, children }: { head: RecordHead; signatures: Signature[]; seals: Seal[]; children: ReactNode }) {
  const { t, locale } = useI18n();
  const colon = t('punct.colon');
  return (
    <div className="zy-print-page">
      <div className="zy-print-toolbar" data-testid="print-toolbar">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {t('print.print')}
        </Button>
        <Typography.Text type="secondary">{t('print.printHint')}</Typography.Text>
      </div>
      <main className="zy-print-sheet" data-testid="print-sheet">
        <h1 className="zy-print-title" data-testid="print-title">{head.title}</h1>
        <div className="zy-print-meta">
          <span data-testid="print-number">{t('print.number')}{colon}{head.number}</span>
          <span data-testid="print-date">{t('print.date')}{colon}{formatLongDate(head.date, locale)}</span>
        </div>
        <div className="zy-print-meta" data-testid="print-organisation">{t('print.organisation')}{colon}{head.organisation}</div>
        {children}
        <div className="zy-print-signatures" data-testid="print-signatures">
          {signatures.map((s) => (
            <div key={s.role} className="zy-print-signature">
              {t('print.signature', { role: s.role })}{colon}
              <span className="zy-print-line">{s.name ?? ''}</span>
            </div>
          ))}
        </div>
        <div className="zy-print-seals" data-testid="print-seals">
          {seals.map((s) => (
            <div key={s.org} className="zy-print-seal">
              <div className="zy-print-seal-mark" aria-hidden="true" />
              <div>{t('print.seal', { org: s.org })}</div>
              <div>{formatLongDate(s.date, locale)}</div>
            </div>
          ))}
        </div>
      </main>
    </div>
  );
}

/** Loading, a refusal (403/404: the record is not there for this reader, said plainly) or another failure. */
export function RecordState<T>({ state, children }: { state: Pick<ApiData<T>, 'data' | 'error' | 'loading' | 'reload'>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.error !== undefined) {
    if (state.error instanceof ApiError && (state.error.status === 403 || state.error.status === 404)) {
      return (
        <main data-testid="print-refused">
          <Result status={state.error.status === 403 ? '403' : '404'} title={t('print.refused')} subTitle={t('print.refusedHint')} />
        </main>
      );
    }
    return <div className="zy-print-page"><ErrorAlert error={state.error} onRetry={state.reload} /></div>;
  }
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** The project exists and the reader may read it, but the record is not made yet. */
export function NoRecord({ hint }: { hint?: string }) {
  const { t } = useI18n();
  return (
    <main data-testid="print-missing">
      <Result status="info" title={t('print.missing')} subTitle={hint ?? t('print.missingHint')} />
    </main>
  );
}
