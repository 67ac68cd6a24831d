import type { AppContext } from '../app/context';
import { runIds } from './ids';
import { startRun } from './startRun';

export interface RetrainOptions {
  readonly policy: 'always' | 'new-data';
  readonly budgetSeconds: number;
  /** The timer tick: run ids derive from it, so a re-fired tick starts nothing new. */
  readonly tick: Date;
}

export interface RetrainDecision {
  readonly dataset: string;
  readonly action: 'started' | 'skipped';
  readonly reason: string;
  readonly runId?: string;
}

/**
 * The scheduled retrain (Azure ML's published-pipeline schedule): one run per dataset on its latest version.
 * `new-data` skips datasets whose latest version already has a model; an active run is never doubled.
 */
export async function retrainAll(ctx: AppContext, options: RetrainOptions): Promise<RetrainDecision[]> {
  const decisions: RetrainDecision[] = [];
  for (const dataset of await ctx.datasets.datasets()) {
    decisions.push(await retrainOne(ctx, dataset, options));
  }
  return decisions;
}

async function retrainOne(ctx: AppContext, dataset: string, options: RetrainOptions): Promise<RetrainDecision> {
  const latest = await ctx.datasets.latestReady(dataset);
  if (latest === undefined) return { dataset, action: 'skipped', reason: 'no ready version' };
  if (options.policy === 'new-data') {
    const trained = (await ctx.models.versions(dataset)).some((m) => m.lineage.datasetVersion >= latest.version);
    if (trained) return { dataset, action: 'skipped', reason: `v${latest.version} already has a model` };
  }
  const result = await startRun(ctx, {
    runId: runIds.forSchedule(dataset, options.tick),
    dataset,
    version: latest.version,
    trigger: 'schedule',
    budgetSeconds: options.budgetSeconds,
    exclusive: true,
  });
  return result.started
    ? { dataset, action: 'started', reason: `v${latest.version}, policy ${options.policy}`, runId: result.run.runId }
    : { dataset, action: 'skipped', reason: `run ${result.activeRunId} is active` };
}
