// A button that downloads an export (a list as Excel): busy while the file is fetched, the error in a message.
import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';

export function DownloadButton({ download, label, failed, testId }: { download(): Promise<void>; label: string; failed: string; testId?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await download();
    } catch (err) {
      message.error(err instanceof Error ? err.message : failed);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {label}
    </Button>
  );
}
