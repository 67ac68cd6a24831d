import type { Guardrail } from '../../data/analysis/guardrails';
import type { Frame } from '../../data/frame/frame';
import type { ColumnSchema } from '../../data/frame/schema';
import { userError } from '../../errors';
import { type Artifact, buildArtifact } from '../artifact';
import { dropMissingTarget, encodeTarget, fitFeaturizer, inferTask } from '../featurize';
import { allLearners, learnerByName } from '../learners';
import { logisticRegressionLearner, ridgeLearner } from '../linear';
import { primaryMetricFor } from '../metrics';
import { Random } from '../random';
import type { LearnerSpec, MetricSpec, Target, Task } from '../types';
import { planValidation, type ValidationPlan } from '../validation/plan';
import { takeTarget } from '../validation/subset';
import { chooseModel, ENSEMBLE_METRIC_EVALUATIONS } from './chooseModel';
import { classBalanceWeights } from './classWeights';
import { explain } from './explain';
import { finalMembers } from './finalMembers';
import { validationRows } from './foldData';
import type { AutoMLSummary, TrialRecord } from './result';
import { type FinishedTrial, runSearch } from './searchLoop';
import { type AutoMLSettings, type AutoMLSettingsInput, parseAutoMLSettings } from './settings';
import { dependsOnThreshold, tuneThreshold } from './threshold';
import { inlineRunner, poolRunner, type TrialRunner } from './trialRunner';

export interface AutoMLOptions {
  /** Learner families to search (default: the registry). Custom learners always run in this thread. */
  readonly learners?: readonly LearnerSpec[];
  /** Called after every finished trial with the best trial so far. */
  readonly onTrial?: (trial: TrialRecord, best: TrialRecord) => void;
  /** The data layer's guardrails for this data (from its analysis), carried into the summary and report. */
  readonly guardrails?: readonly Guardrail[];
  /**
   * The dataset version's column schema, when the frame is a part of one (the pipeline's training split):
   * the artifact's nullability is then the whole version's, as registration recorded it and as serving
   * enforced it before artifacts carried it. Without it, a column is nullable when the frame misses values.
   */
  readonly schema?: readonly ColumnSchema[];
}

/** What an AutoML job hands back: the summary (JSON-ready) and the model artifact to ship. */
export interface AutoMLResult {
  readonly summary: AutoMLSummary;
  readonly artifact: Artifact;
}

/** Seconds kept for explanations and the artifact, beyond the ensembles and the refit. */
const FINAL_OVERHEAD_SECONDS = 1;

/**
 * Runs an AutoML job on a frame that holds the target column: featurize, validate, search, ensemble, refit,
 * explain, all inside `timeBudgetSeconds`.
 *
 * Reproducibility: with `maxConcurrentTrials: 1` the searcher's proposals depend only on the seed and the trial
 * results (costs are the learners' declared relative costs, never measured seconds). The clock decides only where
 * the sequence ends and whether a trial is cut at the end of the search. Runs with the same seed, one worker and a
 * `maxTrials` reached inside the budget therefore give the same leaderboard (scores, not timings) and a
 * byte-identical artifact; runs ended by the time budget agree on their common prefix of trials. With several
 * workers, results arrive in timing order and the sequence is not reproducible.
 */
export async function runAutoML(
  frame: Frame,
  input: AutoMLSettingsInput,
  options: AutoMLOptions = {},
): Promise<AutoMLResult> {
  const startedAt = Date.now();
  const settings = parseAutoMLSettings(input);
  const deadline = startedAt + settings.timeBudgetSeconds * 1000;
  const { frame: labelled, dropped } = dropMissingTarget(frame, settings.target);
  const task: Task = settings.task ?? inferTask(labelled, settings.target);
  const target = encodeTarget(labelled, settings.target, { task });
  const metric = primaryMetricFor(task, settings.primaryMetric);
  const learners = chooseLearners(settings, task, options.learners);
  const featurizer = fitFeaturizer(labelled, { target: settings.target, drop: settings.drop });
  const data = featurizer.transform(labelled);
  const rng = new Random(settings.seed);
  const plan = planValidation(target, settings.validation, rng.fork(), settings.timeBudgetSeconds);
  const weights = classBalanceWeights(target, settings.classBalancing, metric.name);
  const validIndex = validationRows(plan.folds);
  const validTarget = takeTarget(target, validIndex);
  const trialData = { data, target, weights, folds: plan.folds };
  const resolve = (name: string) => learners.find((l) => l.name === name) ?? learnerByName(name);
  const threads = Math.min(settings.maxConcurrentTrials, settings.maxTrials ?? Number.POSITIVE_INFINITY);
  const runner: TrialRunner =
    threads > 1 && options.learners === undefined
      ? await poolRunner(trialData, threads)
      : inlineRunner(trialData, resolve);
  const concurrency = threads > 1 && options.learners === undefined ? threads : 1;
  const notes: string[] = [];
  if (dropped > 0) notes.push(`${dropped} row(s) without a target were left out`);
  for (const d of featurizer.dropped) notes.push(`column ${d.name} dropped: ${d.reason}`);
  if (weights !== undefined) notes.push('classes weighted to equal total weight (class balancing)');

  const metricProbe = probeMetricSeconds(metric, validTarget, rng.fork());
  try {
    const search = await runSearch({
      learners,
      runner,
      concurrency,
      metric,
      validTarget,
      seed: settings.seed,
      startedAt,
      deadline,
      ...(settings.maxTrials === undefined ? {} : { maxTrials: settings.maxTrials }),
      ...(settings.earlyStopTrials === undefined ? {} : { earlyStopTrials: settings.earlyStopTrials }),
      reserve: (trials) =>
        FINAL_OVERHEAD_SECONDS +
        ensembleSeconds(settings, metricProbe) +
        refitSeconds(plan, trials, metric, concurrency),
      ...(options.onTrial === undefined ? {} : { onTrial: options.onTrial }),
    });
    const succeeded = search.trials.filter((t) => t.record.score !== null);
    if (succeeded.length === 0) {
      const reasons = [...new Set(search.trials.map((t) => t.record.error ?? t.record.status))].join('; ');
      throw userError('no_model', `no trial produced a model (${reasons || 'no time for a single trial'})`, {
        hint: 'Raise the time budget or check the data.',
      });
    }
    const { chosen, ensembles } = chooseModel({
      trials: search.trials,
      metric,
      validTarget,
      seed: settings.seed,
      ensembles: settings.ensembles,
      metaLearner: task === 'regression' ? ridgeLearner : logisticRegressionLearner,
      firstId: search.trials.length,
      finishedAt: () => (Date.now() - startedAt) / 1000,
      deadline,
      metricSeconds: metricProbe,
    });
    const threshold = dependsOnThreshold(target, metric)
      ? tuneThreshold(validTarget, chosen.predictions, metric)
      : undefined;
    const final = await finalMembers({ chosen, plan, runner, resolve, seed: settings.seed, deadline, concurrency });
    notes.push(...final.notes);
    const importance = explain({
      chosen,
      plan,
      frame: labelled,
      featurizer,
      target,
      metric,
      resolve,
      rng: rng.fork(),
      deadline,
    });
    if (importance === undefined) notes.push('permutation importance skipped: no time left in the budget');
    const artifact = buildArtifact({
      task,
      ...(target.task === 'regression' ? {} : { classes: target.classes }),
      featurizer,
      frame: labelled,
      ...(options.schema === undefined
        ? {}
        : { nullable: new Set(options.schema.filter((c) => c.nullable).map((c) => c.name)) }),
      members: final.members,
      ...(threshold === undefined ? {} : { threshold }),
      createdWith: { seed: settings.seed, metric: metric.name, model: chosen.record.learner },
    });
    const leaderboard = rank([...search.trials.map((t) => t.record), ...ensembles], metric);
    const summary: AutoMLSummary = {
      task,
      target: settings.target,
      ...(target.task === 'regression' ? {} : { classes: target.classes }),
      metric: { name: metric.name, greaterIsBetter: metric.greaterIsBetter },
      validation: { kind: plan.kind, folds: plan.folds.length, rows: validIndex.length, reason: plan.reason },
      best: {
        trial: chosen.record.id,
        learner: chosen.record.learner,
        score: chosen.record.score!,
        members: chosen.members.map((m) => ({
          trial: m.trial.record.id,
          learner: m.trial.record.learner,
          weight: m.weight,
          params: m.trial.record.params,
        })),
        ...(threshold === undefined ? {} : { threshold }),
        final: final.kind,
      },
      validationMetrics: chosen.record.metrics,
      leaderboard,
      importance: importance ?? [],
      trace: search.trace,
      stoppedBy: search.stoppedBy,
      elapsedSeconds: (Date.now() - startedAt) / 1000,
      notes,
      guardrails: options.guardrails ?? [],
      settings,
    };
    return { summary, artifact };
  } finally {
    await runner.close();
  }
}

/** Seconds one evaluation of the primary metric takes on the validation rows (random predictions, warmed up). */
function probeMetricSeconds(metric: MetricSpec, target: Target, rng: Random): number {
  const outputs = target.task === 'regression' ? 1 : target.classes.length;
  const predictions = Float64Array.from({ length: target.y.length * outputs }, () => rng.next());
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    metric.compute(target, predictions);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

/**
 * Seconds kept for ensembling: enough for the full selection, but never over 15 % of the budget (on many
 * validation rows the selection then works with fewer candidates, or is skipped).
 */
function ensembleSeconds(settings: AutoMLSettings, metricSeconds: number): number {
  if (!settings.ensembles) return 0;
  return Math.min(metricSeconds * ENSEMBLE_METRIC_EVALUATIONS, 0.15 * settings.timeBudgetSeconds);
}

function chooseLearners(settings: AutoMLSettings, task: Task, custom?: readonly LearnerSpec[]): LearnerSpec[] {
  const pool = custom ?? allLearners;
  const names = new Set(pool.map((l) => l.name));
  for (const name of [...(settings.allowedModels ?? []), ...settings.blockedModels]) {
    if (!names.has(name)) {
      throw userError('unknown_model', `unknown model '${name}'`, { hint: `Models: ${[...names].join(', ')}` });
    }
  }
  const chosen = pool.filter(
    (l) =>
      l.tasks.includes(task) &&
      (settings.allowedModels === undefined || settings.allowedModels.includes(l.name)) &&
      !settings.blockedModels.includes(l.name),
  );
  if (chosen.length === 0) throw userError('no_models', `no allowed model supports a ${task} task`);
  return chosen;
}

/**
 * Seconds a refit of the likely final members takes: with a holdout, the best trial of each of the top three
 * families, refitted on ~1/(1 − fraction) more rows, spread over the workers. Cross-validation ships fold models.
 */
function refitSeconds(
  plan: ValidationPlan,
  trials: readonly FinishedTrial[],
  metric: MetricSpec,
  concurrency: number,
): number {
  if (plan.kind === 'cv') return 0;
  const sign = metric.greaterIsBetter ? 1 : -1;
  const bestPerFamily = new Map<string, FinishedTrial>();
  for (const t of trials) {
    if (t.record.score === null) continue;
    const current = bestPerFamily.get(t.record.learner);
    if (current === undefined || sign * t.record.score > sign * current.record.score!) {
      bestPerFamily.set(t.record.learner, t);
    }
  }
  const top = [...bestPerFamily.values()]
    .sort((a, b) => sign * b.record.score! - sign * a.record.score!)
    .slice(0, 3)
    .map((t) => t.record.seconds);
  const fold = plan.folds[0]!;
  const growth = (fold.train.length + fold.valid.length) / fold.train.length;
  return (growth * top.reduce((a, b) => a + b, 0)) / concurrency;
}

function rank(records: readonly TrialRecord[], metric: MetricSpec): TrialRecord[] {
  const sign = metric.greaterIsBetter ? 1 : -1;
  return [...records].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.id - b.id : 1) : -1;
    return sign * b.score - sign * a.score || a.id - b.id;
  });
}
