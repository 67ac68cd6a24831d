import type { AppContext } from '../app/context';
import { notFound } from '../errors';

export function runStatusUrl(dataset: string, runId: string): string {
  return `/api/pipelines/${dataset}/runs/${runId}`;
}

export async function listRunsView(ctx: AppContext, dataset: string): Promise<unknown> {
  const runs = await ctx.runs.list(dataset);
  return { dataset, active: (await ctx.runs.activeRunId(dataset)) ?? null, runs };
}

export async function runView(ctx: AppContext, dataset: string, runId: string): Promise<unknown> {
  const run = await ctx.runs.get(runId);
  if (run === undefined || run.dataset !== dataset) notFound(`run '${runId}' of '${dataset}'`);
  return run;
}
