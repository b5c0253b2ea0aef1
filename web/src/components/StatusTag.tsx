// A project's state as a coloured tag.
import { Tag } from 'antd';
import type { ProjectStatus } from '../api/projects';
import { useI18n, type MessageKey } from '../i18n';

const COLORS: Record<ProjectStatus, string> = {
  DRAFT: 'default',
  GIA_REVIEW: 'processing',
  RETURNED: 'warning',
  REJECTED: 'error',
  BUDGET_REVIEW: 'processing',
  BUDGET_APPROVED: 'cyan',
  PUBLIC_NOTICE: 'purple',
  ESTABLISHED: 'success',
  CHANGE_REVIEW: 'processing',
  ACCEPTED: 'green',
  SUSPENDED: 'orange',
  TERMINATED: 'default',
};

export function StatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status]}>{t(`status.${status}` as MessageKey)}</Tag>;
}
