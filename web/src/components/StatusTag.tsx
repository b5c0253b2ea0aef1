// A project's or a catalog revision's state as a coloured tag, named and coloured by its machine
// (projects/workflow.ts, catalog/revision-workflow.ts).
import { Tag } from 'antd';
import { REVISION_MACHINE, type RevisionState } from '@catalog/revision-workflow';
import { PROJECT_MACHINE } from '@projects/workflow';
import type { ProjectStatus } from '../api/projects';
import { useI18n, type MessageKey } from '../i18n';

export function StatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useI18n();
  return <Tag color={PROJECT_MACHINE.stateColours[status]}>{t(`status.${status}` as MessageKey)}</Tag>;
}

export function RevisionStatusTag({ status }: { status: RevisionState }) {
  const { t } = useI18n();
  return <Tag color={REVISION_MACHINE.stateColours[status]}>{t(`revision.status.${status}` as MessageKey)}</Tag>;
}
