// A project's state as a coloured tag, in the colour its machine gives it (projects/workflow.ts).
import { Tag } from 'antd';
import { PROJECT_MACHINE } from '@projects/workflow';
import type { ProjectStatus } from '../api/projects';
import { useI18n, type MessageKey } from '../i18n';

export function StatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useI18n();
  return <Tag color={PROJECT_MACHINE.stateColours[status]}>{t(`status.${status}` as MessageKey)}</Tag>;
}
