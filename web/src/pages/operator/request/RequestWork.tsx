// What the operator does with a request once it is in front of them: the preview, the provisioning job and the
// tenant's resources. All three follow the tenant's job that changes what runs (the latest ones come with the
// resources): while one is queued or running, nothing that would start another is offered, its log is shown (also
// after a reload, or when someone else started it), and the resources say what is under way instead of "nothing
// delivered yet". The resources are read again as the job's log moves on (at most every two seconds) and when it ends.
import { useRef, useState } from 'react';
import { isChanging } from '@provisioners/job-kinds';
import type { JobLogLine } from '../../../api/jobStream';
import type { OperatorRequest } from '../../../api/operator';
import { fetchProjectResources } from '../../../api/resources';
import { useApiData } from '../../../hooks/useApiData';
import { JobCard } from './JobCard';
import { PreviewCard } from './PreviewCard';
import { ResourcesCard } from './ResourcesCard';

interface Props {
  request: OperatorRequest;
  /** the job the operator started here (kept in the address) */
  jobId: string | null;
  onStarted(jobId: string): void;
  /** the request changed (a job started or ended) */
  onChanged(): void;
}

export function RequestWork({ request: r, jobId, onStarted, onChanged }: Props) {
  const [progress, setProgress] = useState(0);
  const [lastLine, setLastLine] = useState<JobLogLine | null>(null);
  const lastRead = useRef(0);
  const resources = useApiData((signal) => fetchProjectResources(r.projectId, signal), [r.projectId, r.version, r.status, progress]);
  const running = resources.data?.jobs.find((j) => isChanging(j.kind) && (j.state === 'QUEUED' || j.state === 'RUNNING')) ?? null;
  const onProgress = (line: JobLogLine) => {
    setLastLine(line);
    if (Date.now() - lastRead.current < 2000) return;
    lastRead.current = Date.now();
    setProgress((n) => n + 1);
  };

  return (
    <>
      <PreviewCard requestId={r.id} version={r.version} busy={running !== null} />
      <JobCard request={r} jobId={jobId ?? running?.id ?? null} running={running} onStarted={onStarted} onFinished={onChanged} onProgress={onProgress} />
      <ResourcesCard projectId={r.projectId} resources={resources} running={running} lastLine={lastLine} />
    </>
  );
}
