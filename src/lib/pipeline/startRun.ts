import type { AppContext } from '../app/context';
import { primaryMetricFor } from '../automl/metrics';
import { parseAutomlConfig } from '../data/analysis/automlConfig';
import { userError } from '../errors';
import { queues } from '../messaging/queues';
import { newTrace } from '../messaging/traceContext';
import type { Run } from '../registry/documents';
import { newRun } from './newRun';

export interface StartRunRequest {
  readonly runId: string;
  readonly dataset: string;
  /** Dataset version; the latest ready one when absent. */
  readonly version?: number;
  readonly trigger: Run['trigger'];
  readonly budgetSeconds: number;
  /** An explicit choice, refused when it does not fit the dataset's task; the task's default otherwise. */
  readonly primaryMetric?: string;
  readonly seed?: number;
  /** Refuse (409) when another run of the dataset is active, instead of queueing behind it. */
  readonly exclusive: boolean;
}

export type StartRunResult =
  | { readonly started: true; readonly run: Run }
  | { readonly started: false; readonly activeRunId: string };

/**
 * Creates a run and queues its training. Idempotent for a given run id: the run document is created once
 * and the message id is the run id, so a redelivered trigger neither starts a second run nor loses one.
 */
export async function startRun(ctx: AppContext, req: StartRunRequest): Promise<StartRunResult> {
  const version = req.version ?? (await ctx.datasets.latestReady(req.dataset))?.version;
  const datasetVersion = version === undefined ? undefined : await ctx.datasets.get(req.dataset, version);
  if (datasetVersion === undefined || datasetVersion.status !== 'ready') {
    throw userError(
      'dataset_not_found',
      version === undefined
        ? `dataset '${req.dataset}' has no registered version`
        : `dataset '${req.dataset}' has no ready version ${version}`,
      { status: 404, hint: `Upload a CSV to the datasets container under ${req.dataset}/ first.` },
    );
  }
  // A metric the task cannot use is refused now (400), not by a failed run later.
  primaryMetricFor(parseAutomlConfig(datasetVersion.config ?? {}).task ?? datasetVersion.task, req.primaryMetric);
  if (req.exclusive) {
    // Refuse before writing anything: a refused start leaves no run behind (the lock below settles races).
    const active = await activeRun(ctx, req.dataset);
    if (active !== undefined && active !== req.runId) return { started: false, activeRunId: active };
  }
  const trace = newTrace();
  const run = await ctx.runs.create(
    newRun(
      {
        runId: req.runId,
        dataset: req.dataset,
        datasetVersion: datasetVersion.version,
        trigger: req.trigger,
        budgetSeconds: req.budgetSeconds,
        ...(req.primaryMetric === undefined ? {} : { primaryMetric: req.primaryMetric }),
        traceId: trace.traceId,
        ...(req.seed === undefined ? {} : { seed: req.seed }),
      },
      ctx.now(),
    ),
  );
  if (run.status === 'succeeded' || run.status === 'failed') return { started: true, run };
  const lock = await ctx.runs.acquire(req.dataset, run.runId, ctx.now);
  if (!lock.acquired && req.exclusive) {
    await ctx.runs.update(run.runId, (r) => ({
      ...r,
      status: 'failed',
      endedAt: ctx.now().toISOString(),
      error: { code: 'run_conflict', message: `run ${lock.activeRunId} is active`, userFixable: true },
    }));
    return { started: false, activeRunId: lock.activeRunId };
  }
  await ctx.publisher.publish(
    queues.train,
    {
      schema: 'automl-train/v1',
      runId: run.runId,
      dataset: run.dataset,
      version: run.datasetVersion,
      trigger: run.trigger,
      overrides: {
        budgetSeconds: run.settings.budgetSeconds,
        ...(run.settings.primaryMetric === undefined ? {} : { primaryMetric: run.settings.primaryMetric }),
      },
    },
    { messageId: run.runId, trace: { traceId: run.traceId, spanId: trace.spanId } },
  );
  ctx.telemetry.event('RunQueued', { runId: run.runId, traceId: run.traceId, dataset: run.dataset });
  return { started: true, run };
}

async function activeRun(ctx: AppContext, dataset: string): Promise<string | undefined> {
  const runId = await ctx.runs.activeRunId(dataset);
  if (runId === undefined) return undefined;
  const run = await ctx.runs.get(runId);
  return run?.status === 'queued' || run?.status === 'running' ? runId : undefined;
}
