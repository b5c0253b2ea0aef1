// The rows that name the project on each of its records.
import type { ReactNode } from 'react';
import type { Project } from '../../api/projects';
import type { Translate } from '../../i18n';

export const projectRows = (p: Project, t: Translate): [string, ReactNode][] => [
  [t('print.project'), p.name],
  [t('print.projectCode'), <span data-testid="print-project-code">{p.code}</span>],
  [t('print.applicant'), p.org.name],
];
