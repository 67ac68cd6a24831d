import type { AppContext } from '../../app/context';
import { userError } from '../../errors';
import { queues } from '../../messaging/queues';
import { newTrace } from '../../messaging/traceContext';
import { containers } from '../../storage/containers';
import { BlobConflictError } from '../../storage/errors';
import { type BatchInput, type BatchJob, type BatchOptions, emptyProgress } from './jobDocument';
import { BatchJobStore } from './jobStore';

/** More inputs than this in one job is almost certainly a too-broad prefix. */
export const MAX_INPUTS = 1000;

export interface JobRequest {
  readonly jobId: string;
  readonly dataset: string;
  readonly trigger: BatchJob['trigger'];
  /** Blob names or prefixes in scoring-inputs. */
  readonly inputs: readonly string[];
  readonly options: BatchOptions;
}

/**
 * Creates the job document first (model version pinned, inputs listed with their ETags), then queues the work.
 * A job id that exists already is that job: a re-fired trigger re-queues it only if it never started.
 */
export async function createBatchJob(ctx: AppContext, req: JobRequest): Promise<{ job: BatchJob; created: boolean }> {
  const jobs = new BatchJobStore(ctx.store);
  const existing = await jobs.get(req.jobId);
  if (existing !== undefined) {
    if (existing.value.status === 'queued') await enqueue(ctx, existing.value);
    return { job: existing.value, created: false };
  }
  const deployment = await ctx.deployments.get(req.dataset);
  const inputs = await resolveInputs(ctx, req.inputs);
  const now = ctx.now().toISOString();
  const job: BatchJob = {
    schema: 'batch-job/v1',
    jobId: req.jobId,
    dataset: req.dataset,
    trigger: req.trigger,
    status: 'queued',
    inputs,
    options: req.options,
    attempt: 0,
    progress: emptyProgress(inputs.length),
    createdAt: now,
    updatedAt: now,
    ...(deployment === undefined ? {} : { model: { dataset: req.dataset, version: deployment.value.modelVersion } }),
  };
  if (deployment === undefined) {
    // A drop with no model to score it still gets a job that says why; a request is simply refused.
    const error = userError('no_deployment', `No model of '${req.dataset}' is deployed.`, {
      status: 409,
      hint: `Train and deploy a model of '${req.dataset}' first (POST /api/pipelines/${req.dataset}/runs).`,
    });
    if (req.trigger === 'http') throw error;
    job.status = 'failed';
    job.finishedAt = now;
    job.error = { code: error.code, message: error.message, userFixable: true, details: [], hint: error.hint };
  }
  try {
    await jobs.create(job);
  } catch (err) {
    if (err instanceof BlobConflictError) return createBatchJob(ctx, req);
    throw err;
  }
  if (job.status === 'queued') await enqueue(ctx, job);
  return { job, created: true };
}

async function enqueue(ctx: AppContext, job: BatchJob): Promise<void> {
  await ctx.publisher.publish(
    queues.batch,
    { schema: 'automl-batch/v1', jobId: job.jobId, dataset: job.dataset },
    { messageId: job.jobId, trace: newTrace() },
  );
}

/** Each entry is a blob name if such a blob exists, else a prefix; the union, sorted, without duplicates. */
async function resolveInputs(ctx: AppContext, entries: readonly string[]): Promise<BatchInput[]> {
  const found = new Map<string, BatchInput>();
  const unmatched: string[] = [];
  for (const entry of entries) {
    const listed = await ctx.store.list(containers.scoringInputs, entry);
    const exact = listed.filter((b) => b.name === entry);
    const matched = exact.length > 0 ? exact : listed;
    if (matched.length === 0) unmatched.push(entry);
    for (const b of matched) found.set(b.name, { name: b.name, etag: b.etag.replace(/"/g, ''), size: b.size });
  }
  if (unmatched.length > 0) {
    throw userError('no_inputs', `${unmatched.length} input(s) match no blob in ${containers.scoringInputs}.`, {
      status: 404,
      details: unmatched.map((e) => ({ path: `inputs ${e}`, message: 'no blob has this name or prefix' })),
      hint: `Upload the files to the ${containers.scoringInputs} container first.`,
    });
  }
  if (found.size > MAX_INPUTS) {
    throw userError('too_many_inputs', `The inputs match ${found.size} blobs; one job scores at most ${MAX_INPUTS}.`, {
      hint: 'Use narrower prefixes, or several jobs.',
    });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
