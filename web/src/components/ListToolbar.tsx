// Above every list: the search box (bound to the address's `q`), the list's filters, and its export to Excel in the
// columns shown with the same search and filters.
import type { ReactNode } from 'react';
import { Flex, Input } from 'antd';
import { downloadList, type ExportPath } from '../api/download';
import type { QueryOf } from '../api/client';
import type { ListParams } from '../hooks/useListParams';
import { useI18n } from '../i18n';
import { DownloadButton } from './DownloadButton';

export interface ListExportAction {
  label: string;
  failed: string;
  download(): Promise<void>;
}

/** The export of a list as Excel (`<list>/export` with the list's query), labelled in the console's language. */
export function useListExport() {
  const { t, locale } = useI18n();
  return <P extends ExportPath>(path: P, query: QueryOf<P>, file: string): ListExportAction => ({
    label: t('list.export'),
    failed: t('list.exportFailed'),
    download: () => downloadList(path, query, locale, file, t('list.exportFailed')),
  });
}

export function ListToolbar<F extends string>({
  list,
  placeholder,
  exporting,
  testId,
  children,
}: {
  list: ListParams<F>;
  placeholder: string;
  exporting?: ListExportAction;
  /** prefix of the test ids: `<testId>-search`, `<testId>-export` */
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid={`${testId}-toolbar`}>
      <Input.Search
        // a new value in the address (back button, a link) shows in the box
        key={list.q}
        allowClear
        defaultValue={list.q}
        placeholder={placeholder}
        aria-label={placeholder}
        style={{ width: 280 }}
        data-testid={`${testId}-search`}
        onSearch={(v) => list.setQ(v)}
      />
      {children}
      <div style={{ flex: 1 }} />
      {exporting && <DownloadButton label={exporting.label} failed={exporting.failed} testId={`${testId}-export`} download={exporting.download} />}
    </Flex>
  );
}
