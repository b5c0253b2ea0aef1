// After the notice period, with no open objection, GIA establishes the project (立项).
import { useState } from 'react';
import { Alert, Button, Input, Space, Typography } from 'antd';
import type { ProjectNotice } from '../../../api/projects';
import { formatDate } from '../../../format/dates';
import { useI18n } from '../../../i18n';

export function EstablishPanel({ notice, busy, onEstablish }: { notice: ProjectNotice | undefined; busy: boolean; onEstablish(approvalNumber?: string): void }) {
  const { t } = useI18n();
  const [approvalNumber, setApprovalNumber] = useState('');
  const openObjections = notice?.objections.filter((o) => !o.resolution).length ?? 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {notice && <Typography.Paragraph>{t('establish.noticePeriod', { start: formatDate(notice.startDate), end: formatDate(notice.endDate) })}</Typography.Paragraph>}
      {openObjections > 0 && <Alert type="warning" showIcon title={t('establish.openObjections', { n: openObjections })} />}
      <label htmlFor="approval-number">{t('establish.approvalNumber')}</label>
      <Input id="approval-number" style={{ maxWidth: 360 }} value={approvalNumber} onChange={(e) => setApprovalNumber(e.target.value)} maxLength={100} placeholder={t('establish.approvalNumberHint')} />
      <Button type="primary" loading={busy} onClick={() => onEstablish(approvalNumber.trim() || undefined)} data-testid="establish">
        {t('establish.button')}
      </Button>
    </Space>
  );
}
