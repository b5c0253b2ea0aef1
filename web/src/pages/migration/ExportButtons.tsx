// Download the register the user may read, filtered like the list, as XLSX or CSV (needs the token, so the
// download helper fetches it rather than a plain link).
import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadRegister, type SheetFormat, type SystemFilter } from '../../api/migration';
import { errorMessage } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

export function ExportButtons({ filter }: { filter: SystemFilter }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<SheetFormat | null>(null);

  async function download(format: SheetFormat) {
    setBusy(format);
    try {
      await downloadRegister(filter, format, locale, t('register.exportFilename'), t('common.unexpectedError'));
    } catch (err) {
      void message.error(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')} data-testid="export-xlsx">
        {t('register.exportXlsx')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => void download('csv')} data-testid="export-csv">
        {t('register.exportCsv')}
      </Button>
    </>
  );
}
