import type { BatchJob } from './jobDocument';
import { batchStatusUrl } from './paths';

/** The job as GET /api/batch/{jobId} shows it: the document plus elapsed time and throughput. */
export function batchJobView(job: BatchJob): BatchJob & {
  statusUrl: string;
  timings: { queuedSeconds: number | null; runSeconds: number | null; rowsPerSecond: number | null };
} {
  const at = (t: string | undefined) => (t === undefined ? undefined : Date.parse(t));
  const created = at(job.createdAt)!;
  const started = at(job.startedAt);
  const end = at(job.finishedAt) ?? at(job.updatedAt)!;
  const run = started === undefined ? null : Math.max(0, (end - started) / 1000);
  return {
    ...job,
    statusUrl: batchStatusUrl(job.jobId),
    timings: {
      queuedSeconds: started === undefined ? null : (started - created) / 1000,
      runSeconds: run,
      rowsPerSecond: run === null || run === 0 ? null : job.progress.rowsScored / run,
    },
  };
}
