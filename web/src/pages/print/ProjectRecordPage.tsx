// /print/projects/:id/:record — one of a project's official records, read from GET /api/projects/:id (whoever may
// read the project may print its records; the API answers 404 to anyone else, and the page says so plainly).
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { fetchProject, type Project } from '../../api/projects';
import { useApiData } from '../../hooks/useApiData';
import { NotFoundPage } from '../NotFoundPage';
import { AcceptanceRecord } from './AcceptanceRecord';
import { BudgetOpinionRecord } from './BudgetOpinionRecord';
import { NoticeRecord } from './NoticeRecord';
import { NoRecord, RecordState } from './OfficialRecord';
import { PROJECT_RECORDS, recordsOf, type ProjectRecord } from './records';
import { ReviewOpinionRecord } from './ReviewOpinionRecord';

const RECORDS: Record<ProjectRecord, (p: Project) => ReactNode> = {
  'review-opinion': (p) => <ReviewOpinionRecord project={p} />,
  'budget-opinion': (p) => <BudgetOpinionRecord project={p} />,
  notice: (p) => <NoticeRecord project={p} />,
  acceptance: (p) => <AcceptanceRecord project={p} />,
};

const isRecord = (s: string): s is ProjectRecord => (PROJECT_RECORDS as readonly string[]).includes(s);

export function ProjectRecordPage() {
  const { id = '', record = '' } = useParams();
  const state = useApiData((signal) => fetchProject(id, signal).then((r) => r.data), [id]);
  if (!isRecord(record)) return <NotFoundPage />;
  return <RecordState state={state}>{(p) => (recordsOf(p).includes(record) ? RECORDS[record](p) : <NoRecord />)}</RecordState>;
}
