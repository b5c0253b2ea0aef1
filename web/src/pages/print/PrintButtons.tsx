// 打印 buttons: each opens a record's print view in a new tab. window.open keeps the opener, so the new tab
// starts with this tab's session (sessionStorage is copied) instead of asking to sign in again.
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Project } from '../../api/projects';
import { useI18n } from '../../i18n';
import { RECORD_NAMES, handoverPath, projectRecordPath, recordsOf } from './records';

function PrintButton({ path, record }: { path: string; record: keyof typeof RECORD_NAMES }) {
  const { t } = useI18n();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.open(path, '_blank')} data-testid={`print-${record}`}>
      {t('print.buttonFor', { record: t(RECORD_NAMES[record]) })}
    </Button>
  );
}

/** One button per record the project has (none before its first review). */
export function ProjectPrintButtons({ project }: { project: Project }) {
  return (
    <>
      {recordsOf(project).map((r) => (
        <PrintButton key={r} path={projectRecordPath(project.id, r)} record={r} />
      ))}
    </>
  );
}

export function HandoverPrintButton({ requestId }: { requestId: string }) {
  return <PrintButton path={handoverPath(requestId)} record="handover" />;
}
