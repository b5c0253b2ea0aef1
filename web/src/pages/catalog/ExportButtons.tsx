// Download the catalog as a spreadsheet (GET /api/catalog/export): public, so a plain link does it.
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { catalogExportUrl } from '../../api/catalog';
import { useI18n } from '../../i18n';

export function ExportButtons({ revision }: { revision?: number }) {
  const { t, locale } = useI18n();
  return (
    <>
      <Button icon={<DownloadOutlined />} href={catalogExportUrl('xlsx', locale, revision)} download data-testid="export-xlsx">
        {t('catalog.exportXlsx')}
      </Button>
      <Button icon={<DownloadOutlined />} href={catalogExportUrl('csv', locale, revision)} download data-testid="export-csv">
        {t('catalog.exportCsv')}
      </Button>
    </>
  );
}
