// A provisioning job as it runs: its state, attempts and error from GET /api/jobs/:id, and its log streamed line by
// line as the worker writes it (server-sent events). The state is read again while the job is still queued, and once
// more when the stream says it has ended; then the page is told, so the request and the resources reload. Each line
// reads in the user's language (the API renders it); what the engine said is shown after it as it was said, marked.
import { useEffect, useState } from 'react';
import { Descriptions, Typography } from 'antd';
import { fetchJob, type Job } from '../../../api/operator';
import { streamJobLog, type JobLogLine } from '../../../api/jobStream';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/PageState';
import { JobStateTag } from '../../../components/resources/statusTags';
import { formatDateTime } from '../../../format/dates';
import { useI18n } from '../../../i18n';

/** `onProgress`: a line of the job's log arrived (what the job changes may be worth reading again). */
export function JobProgress({ jobId, onFinished, onProgress }: { jobId: string; onFinished(): void; onProgress?(line: JobLogLine): void }) {
  const { t } = useI18n();
  const [job, setJob] = useState<Job | undefined>(undefined);
  const [lines, setLines] = useState<JobLogLine[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [connection, setConnection] = useState<'live' | 'retrying' | 'ended'>('live');

  useEffect(() => {
    const ctrl = new AbortController();
    let state: Job['state'] | undefined;
    const refresh = () =>
      fetchJob(jobId, ctrl.signal).then(
        (j) => {
          state = j.state;
          setJob(j);
          setError(undefined);
        },
        (err: unknown) => {
          if (!ctrl.signal.aborted) setError(err);
        },
      );
    setLines([]);
    setConnection('live');
    void refresh();
    const close = streamJobLog(jobId, {
      onLine: (line) => {
        setConnection('live');
        setLines((prev) => (prev.some((l) => l.seq === line.seq) ? prev : [...prev, line]));
        onProgress?.(line);
        // a queued job starts running with its first lines: read its state until it does (the end is read below)
        if (state === undefined || state === 'QUEUED') void refresh();
      },
      onEnd: () => {
        setConnection('ended');
        void refresh().then(() => {
          if (!ctrl.signal.aborted) onFinished();
        });
      },
      onError: (retrying) => setConnection(retrying ? 'retrying' : 'ended'),
    });
    return () => {
      ctrl.abort();
      close();
    };
    // only another job opens another stream; `onFinished` and `onProgress` are the ones given when it opened
  }, [jobId]);

  if (!job && error === undefined) return <Loading />;
  return (
    <div data-testid="job-progress" data-stream={connection} aria-live="polite">
      {error !== undefined && <ErrorAlert error={error} title={t('operator.jobPollError')} />}
      {connection === 'retrying' && <Typography.Text type="warning">{t('operator.jobReconnecting')}</Typography.Text>}
      {job && (
        <Descriptions column={{ xs: 1, md: 4 }} size="small" title={t(job.kind === 'DEPROVISION' ? 'operator.deprovisionJobTitle' : 'operator.jobTitle')}>
          <Descriptions.Item label={t('operator.jobState')}>
            <JobStateTag state={job.state} />
          </Descriptions.Item>
          <Descriptions.Item label={t('operator.jobAttempts')}>{job.attempts}</Descriptions.Item>
          <Descriptions.Item label={t('operator.createdAt')}>{formatDateTime(job.createdAt)}</Descriptions.Item>
          {job.finishedAt && <Descriptions.Item label={t('operator.jobFinishedAt')}>{formatDateTime(job.finishedAt)}</Descriptions.Item>}
          {job.error && <Descriptions.Item label={t('operator.jobError')}>{job.error}</Descriptions.Item>}
        </Descriptions>
      )}
      <Typography.Text strong>{t('operator.jobLog')}</Typography.Text>
      {lines.length > 0 ? (
        <pre className="zy-code zy-log" data-testid="job-log">
          {lines.map((e) => (
            <div key={e.seq} data-code={e.code}>
              {`${formatDateTime(e.at)} [${t(`operator.level.${e.level}`)}] ${e.text}`}
              {e.detail && (
                <span className="zy-muted" title={t('operator.engineWords')} data-testid="job-log-engine">
                  {' ▸ '}
                  {e.detail}
                </span>
              )}
            </div>
          ))}
        </pre>
      ) : (
        <Typography.Paragraph type="secondary">{t('operator.jobNoLog')}</Typography.Paragraph>
      )}
    </div>
  );
}
