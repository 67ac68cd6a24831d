import type { AppContext } from '../app/context';
import { evaluateFrame, metricOf } from '../automl/evaluate';
import { metricByName } from '../automl/metrics';
import { splitHoldout } from '../automl/validation/holdout';
import type { Frame } from '../data/frame/frame';
import { classify, systemError, transientError } from '../errors';
import type { DeployMessage } from '../messaging/contracts';
import type { DeploymentEvent } from '../registry/documents';
import { loadPredictor } from '../registry/loadPredictor';
import { decideDeployment } from './championChallenger';
import { failRun } from './failRun';
import { readSnapshot } from './snapshot';

export interface DeployOptions {
  readonly minImprovement: number;
  readonly deliveryCount: number;
  readonly maxDeliveryCount: number;
}

/**
 * The `automl-deploy` stage: champion/challenger on the challenger's holdout rows (data neither model
 * trained on when the champion came from an earlier version). The pointer moves only through the ETag-guarded
 * deployment registry, and a redelivered message records its decision once.
 */
export async function deployStage(
  ctx: AppContext,
  msg: DeployMessage,
  opts: DeployOptions,
): Promise<DeploymentEvent | undefined> {
  const run = await ctx.runs.get(msg.runId);
  if (run === undefined) throw systemError('run_missing', `run ${msg.runId} does not exist`);
  if (run.status === 'succeeded' || run.status === 'failed') return undefined;
  try {
    const event = await decide(ctx, msg, opts.minImprovement);
    const endedAt = ctx.now().toISOString();
    await ctx.runs.update(run.runId, (r) => ({
      ...r,
      status: 'succeeded',
      endedAt,
      deployment: { ...event },
      stages: {
        ...r.stages,
        deploy: { ...r.stages.deploy, status: 'succeeded', endedAt, attempts: r.stages.deploy.attempts + 1 },
      },
    }));
    await ctx.runs.release(run.dataset, run.runId);
    const name = event.action === 'promoted' ? 'ModelDeployed' : 'ChampionKept';
    ctx.telemetry.event(name, {
      runId: run.runId,
      traceId: run.traceId,
      dataset: run.dataset,
      modelVersion: msg.modelVersion,
      reason: event.reason,
    });
    return event;
  } catch (err) {
    if (classify(err).userFixable || opts.deliveryCount >= opts.maxDeliveryCount)
      await failRun(ctx, run.runId, 'deploy', err);
    if (classify(err).userFixable) return undefined;
    throw err;
  }
}

async function decide(ctx: AppContext, msg: DeployMessage, minImprovement: number): Promise<DeploymentEvent> {
  const challenger = await ctx.models.get(msg.dataset, msg.modelVersion);
  if (challenger === undefined || challenger.status !== 'ready') {
    throw systemError('model_missing', `model ${msg.dataset} v${msg.modelVersion} is not registered`);
  }
  const metric = metricByName(challenger.primaryMetric);
  const current = (await ctx.deployments.get(msg.dataset))?.value;
  // The challenger's holdout rows are read only when a model must be scored on them.
  let holdout: Frame | undefined;
  const scoreOnHoldout = async (version: number): Promise<number> => {
    if (holdout === undefined) {
      const { frame } = await readSnapshot(ctx, msg.dataset, challenger.lineage.datasetVersion);
      holdout = splitHoldout(frame, challenger.lineage.seed).holdout;
    }
    return metricOf(evaluateFrame(await loadPredictor(ctx.models, msg.dataset, version), holdout), metric.name);
  };
  // The train stage recorded the challenger's score on these rows; a model registered by older code did not, so
  // it is scored here as it used to be.
  const challengerScore = challenger.validation[`holdout_${metric.name}`] ?? (await scoreOnHoldout(msg.modelVersion));
  const championScore =
    current === undefined || current.modelVersion === msg.modelVersion
      ? undefined
      : await scoreOnHoldout(current.modelVersion);
  const { event } = await ctx.deployments.record(msg.dataset, (pointer) => {
    // Someone deployed meanwhile: the champion we scored is no longer the champion. Redeliver and rescore.
    if (pointer?.modelVersion !== current?.modelVersion) {
      throw transientError('deployment_changed', `the deployment of ${msg.dataset} changed during the comparison`);
    }
    return decideDeployment(pointer, {
      at: ctx.now().toISOString(),
      runId: msg.runId,
      metric: metric.name,
      greaterIsBetter: metric.greaterIsBetter,
      minImprovement,
      challenger: { version: msg.modelVersion, score: challengerScore },
      championScore,
    });
  });
  return event;
}
