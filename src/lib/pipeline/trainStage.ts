import { availableParallelism } from 'node:os';
import type { AppContext } from '../app/context';
import { Predictor, serializeArtifact } from '../automl/artifact';
import { evaluateFrame, metricOf } from '../automl/evaluate';
import { type PrimaryMetricDefaults, primaryMetricFor } from '../automl/metrics';
import { markdownReport } from '../automl/run/report';
import type { TrialRecord } from '../automl/run/result';
import { runAutoML } from '../automl/run/runAutoML';
import { splitHoldout } from '../automl/validation/holdout';
import { parseAutomlConfig } from '../data/analysis/automlConfig';
import { classify } from '../errors';
import type { TrainMessage } from '../messaging/contracts';
import { queues } from '../messaging/queues';
import { newTrace } from '../messaging/traceContext';
import type { Run } from '../registry/documents';
import { failRun } from './failRun';
import { newRun } from './newRun';
import { ProgressWriter } from './progressWriter';
import { readSnapshot } from './snapshot';

export interface TrainOptions {
  /** Training must end well inside the function timeout; requested budgets are capped to this. */
  readonly maxBudgetSeconds: number;
  readonly deliveryCount: number;
  readonly maxDeliveryCount: number;
  readonly codeVersion: string;
  /** What a run gets when neither its request nor the dataset's automl.json chose (app settings, in Azure). */
  readonly defaults: { readonly budgetSeconds: number; readonly primaryMetrics: PrimaryMetricDefaults };
  /** How long a run waits behind another active run of its dataset before it looks again. */
  readonly waitSeconds?: number;
}

export type TrainOutcome = 'trained' | 'already-done' | 'waiting' | 'failed';

/**
 * The `automl-train` stage. Effects are exactly-once over at-least-once delivery: a finished run ignores the
 * message, a registered model is found again by run id, and a user-fixable error fails the run at once
 * (no retries). Other errors propagate so the message is redelivered, and fail the run on the last delivery.
 */
export async function trainStage(ctx: AppContext, msg: TrainMessage, opts: TrainOptions): Promise<TrainOutcome> {
  const run = await ensureRun(ctx, msg, opts.defaults.budgetSeconds);
  if (run.status === 'succeeded' || run.status === 'failed') return 'already-done';
  const trace = { traceId: run.traceId, spanId: newTrace().spanId };
  if (run.stages.train.status === 'succeeded' && run.modelVersion !== undefined) {
    await publishDeploy(ctx, run, run.modelVersion, trace);
    return 'already-done';
  }
  const lock = await ctx.runs.acquire(run.dataset, run.runId, ctx.now);
  if (!lock.acquired) {
    // Queue behind the active run: a scheduled copy of this message, so nothing is lost and nothing spins.
    const notBefore = new Date(ctx.now().getTime() + (opts.waitSeconds ?? 15) * 1000);
    await ctx.publisher.publish(queues.train, msg, {
      messageId: `${run.runId}-after-${lock.activeRunId}-${notBefore.getTime()}`,
      trace,
      notBefore,
    });
    return 'waiting';
  }
  try {
    await train(ctx, run, msg, opts, trace);
    return 'trained';
  } catch (err) {
    const { userFixable } = classify(err);
    if (userFixable || opts.deliveryCount >= opts.maxDeliveryCount) {
      await failRun(ctx, run.runId, 'train', err);
      if (userFixable) return 'failed';
    }
    throw err;
  }
}

/** The run of a message published without one (by hand, or by another producer): default settings. */
async function ensureRun(ctx: AppContext, msg: TrainMessage, budgetSeconds: number): Promise<Run> {
  const existing = await ctx.runs.get(msg.runId);
  if (existing !== undefined) return existing;
  const run = newRun(
    {
      runId: msg.runId,
      dataset: msg.dataset,
      datasetVersion: msg.version,
      trigger: msg.trigger,
      budgetSeconds: msg.overrides?.budgetSeconds ?? budgetSeconds,
      ...(msg.overrides?.primaryMetric === undefined ? {} : { primaryMetric: msg.overrides.primaryMetric }),
    },
    ctx.now(),
  );
  return ctx.runs.create(run);
}

async function train(
  ctx: AppContext,
  run: Run,
  msg: TrainMessage,
  opts: TrainOptions,
  trace: { traceId: string; spanId: string },
): Promise<void> {
  const started = ctx.now();
  await ctx.runs.update(run.runId, (r) => ({
    ...r,
    status: 'running',
    stages: {
      ...r.stages,
      train: {
        ...r.stages.train,
        status: 'running',
        startedAt: started.toISOString(),
        attempts: r.stages.train.attempts + 1,
      },
    },
  }));
  const props = { runId: run.runId, traceId: run.traceId, dataset: run.dataset };
  ctx.telemetry.event('RunStarted', { ...props, datasetVersion: run.datasetVersion, attempt: opts.deliveryCount });

  const version = await ctx.datasets.get(run.dataset, msg.version);
  if (version === undefined || version.status !== 'ready')
    throw new Error(`dataset ${run.dataset} v${msg.version} is not ready`);
  const config = parseAutomlConfig(version.config ?? {});
  const budget = Math.min(config.budgetSeconds ?? run.settings.budgetSeconds, opts.maxBudgetSeconds);
  const task = config.task ?? version.task;
  const chosen = msg.overrides?.primaryMetric ?? config.primaryMetric ?? run.settings.primaryMetric;
  const metric = primaryMetricFor(task, chosen, opts.defaults.primaryMetrics).name;
  await ctx.runs.update(run.runId, (r) => ({ ...r, settings: { ...r.settings, primaryMetric: metric } }));
  const { frame, schema } = await readSnapshot(ctx, run.dataset, version.version);
  const { train: trainRows, holdout } = splitHoldout(frame, run.settings.seed);

  const progress = new ProgressWriter<TrialRecord[]>(async (trials) => {
    await ctx.runs.update(run.runId, (r) => ({ ...r, trials: trials.map((t) => ({ ...t })) }));
  });
  const trials: TrialRecord[] = [];
  const result = await runAutoML(
    trainRows,
    {
      target: version.target,
      task,
      primaryMetric: metric,
      timeBudgetSeconds: budget,
      seed: run.settings.seed,
      drop: version.drop,
      maxConcurrentTrials: Math.max(1, availableParallelism()),
      ...(config.allowedModels === undefined ? {} : { allowedModels: config.allowedModels }),
      ...(config.blockedModels === undefined ? {} : { blockedModels: config.blockedModels }),
    },
    {
      schema,
      onTrial: (trial, best) => {
        trials.push(trial);
        progress.push([...trials]);
        ctx.telemetry.event('TrialCompleted', {
          ...props,
          learner: trial.learner,
          score: trial.score ?? undefined,
          best: best.score ?? undefined,
        });
      },
    },
  );
  await progress.flush();

  const artifactText = serializeArtifact(result.artifact);
  const holdoutEvaluation = evaluateFrame(new Predictor(result.artifact), holdout);
  const holdoutScore = metricOf(holdoutEvaluation, result.summary.metric.name);
  const model = await ctx.models.register(
    {
      manifest: {
        dataset: run.dataset,
        runId: run.runId,
        task: result.summary.task,
        target: result.summary.target,
        primaryMetric: result.summary.metric.name,
        bestLearner: result.summary.best.learner,
        // The deploy stage takes the challenger's score from here instead of scoring it again.
        validation: { ...result.summary.validationMetrics, [`holdout_${result.summary.metric.name}`]: holdoutScore },
        artifactSha256: result.artifact.sha256,
        lineage: {
          datasetVersion: version.version,
          datasetSha256: version.sha256,
          seed: run.settings.seed,
          budgetSeconds: budget,
          codeVersion: opts.codeVersion,
        },
      },
      files: {
        'artifact.json': { text: artifactText, contentType: 'application/json' },
        'leaderboard.json': {
          text: JSON.stringify(result.summary.leaderboard, null, 2),
          contentType: 'application/json',
        },
        'explanations.json': {
          text: JSON.stringify(result.summary.importance, null, 2),
          contentType: 'application/json',
        },
        'summary.json': { text: JSON.stringify(result.summary, null, 2), contentType: 'application/json' },
        'guardrails.json': { text: JSON.stringify(version.guardrails, null, 2), contentType: 'application/json' },
        'report.md': {
          text: markdownReport(result.summary, {
            run: {
              runId: run.runId,
              dataset: run.dataset,
              version: version.version,
              rows: version.rows,
              sha256: version.sha256,
            },
            scored: { holdout: holdoutEvaluation },
          }),
          contentType: 'text/markdown',
        },
      },
    },
    ctx.now,
  );
  const ended = ctx.now();
  await ctx.runs.update(run.runId, (r) => ({
    ...r,
    modelVersion: model.version,
    metrics: model.validation,
    trials: result.summary.leaderboard.map((t) => ({ ...t })),
    stages: {
      ...r.stages,
      train: {
        ...r.stages.train,
        status: 'succeeded',
        endedAt: ended.toISOString(),
        durationSeconds: (ended.getTime() - started.getTime()) / 1000,
      },
      deploy: { ...r.stages.deploy, status: 'pending' },
    },
  }));
  ctx.telemetry.event('ModelRegistered', { ...props, modelVersion: model.version, learner: model.bestLearner });
  ctx.telemetry.metric(result.summary.metric.name, result.summary.best.score, props);
  await publishDeploy(ctx, run, model.version, trace);
}

async function publishDeploy(
  ctx: AppContext,
  run: Run,
  modelVersion: number,
  trace: { traceId: string; spanId: string },
): Promise<void> {
  await ctx.publisher.publish(
    queues.deploy,
    { schema: 'automl-deploy/v1', runId: run.runId, dataset: run.dataset, modelVersion },
    { messageId: `${run.runId}-deploy`, trace },
  );
}
