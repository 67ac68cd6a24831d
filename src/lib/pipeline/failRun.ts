import type { AppContext } from '../app/context';
import { AppError, classify } from '../errors';
import type { Run } from '../registry/documents';

export function errorInfo(err: unknown): NonNullable<Run['error']> {
  const { userFixable } = classify(err);
  const code = err instanceof AppError ? err.code : 'internal_error';
  const message = err instanceof Error ? err.message : String(err);
  return { code, message, userFixable };
}

/** Ends a run as failed in the given stage, releases the dataset's run lock and reports it. */
export async function failRun(ctx: AppContext, runId: string, stage: 'train' | 'deploy', err: unknown): Promise<void> {
  const error = errorInfo(err);
  const endedAt = ctx.now().toISOString();
  const run = await ctx.runs.update(runId, (r) => ({
    ...r,
    status: 'failed',
    endedAt,
    error,
    stages: { ...r.stages, [stage]: { ...r.stages[stage], status: 'failed', endedAt, error } },
  }));
  await ctx.runs.release(run.dataset, runId);
  ctx.telemetry.event('RunFailed', { runId, traceId: run.traceId, dataset: run.dataset, stage, code: error.code });
}
