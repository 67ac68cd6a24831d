import type { AppContext } from '../../app/context';
import { refusedTriggerName } from '../../app/triggerBlobName';
import { DATASET_NAME } from '../../datasetName';
import { containers } from '../../storage/containers';
import { createBatchJob } from './createJob';
import { batchJobIds } from './jobIds';

export type DropJobOutcome =
  | { readonly status: 'queued' | 'failed' | 'existing'; readonly jobId: string }
  | { readonly status: 'ignored'; readonly reason: string };

/**
 * A file dropped under `scoring-inputs/{dataset}/` becomes its own batch job, named by the blob and its ETag:
 * the trigger firing again for the same version finds that job instead of starting another.
 */
export async function startDropJob(
  ctx: AppContext,
  blob: { readonly dataset: string; readonly file: string; readonly etag?: string },
): Promise<DropJobOutcome> {
  const name = `${blob.dataset}/${blob.file}`;
  const refused = refusedTriggerName(ctx, { container: containers.scoringInputs, name });
  if (refused !== undefined) return { status: 'ignored', reason: refused };
  if (!DATASET_NAME.test(blob.dataset)) return { status: 'ignored', reason: `'${blob.dataset}' is not a dataset name` };
  const etag = blob.etag ?? (await ctx.store.list(containers.scoringInputs, name)).find((b) => b.name === name)?.etag;
  if (etag === undefined) return { status: 'ignored', reason: `${name} no longer exists` };
  const { job, created } = await createBatchJob(ctx, {
    jobId: batchJobIds.forDrop(blob.dataset, name, etag),
    dataset: blob.dataset,
    trigger: 'blob',
    inputs: [name],
    options: { includeProbabilities: true },
  });
  if (!created) return { status: 'existing', jobId: job.jobId };
  return { status: job.status === 'failed' ? 'failed' : 'queued', jobId: job.jobId };
}
