import { stackEnsemble } from '../ensemble/stacking';
import { votingEnsemble } from '../ensemble/voting';
import { metricsReport } from '../evaluate/metricsReport';
import type { LearnerSpec, MetricSpec, Target } from '../types';
import type { TrialRecord } from './result';
import type { FinishedTrial } from './searchLoop';

/** Ensemble candidates: the best trials that still hold their models (Azure uses up to 15). */
export const MAX_CANDIDATES = 8;
const ROUNDS = 15;
const SCORING_FOLDS = 2;

/**
 * Metric evaluations the ensemble phase makes at most: voting selection (every candidate each round, on each
 * scoring fold and once on all rows) plus the stack's. The search keeps time for them.
 */
export const ENSEMBLE_METRIC_EVALUATIONS = ROUNDS * MAX_CANDIDATES * (SCORING_FOLDS + 1) + 10;

export interface ChosenModel {
  readonly record: TrialRecord;
  readonly members: readonly { readonly trial: FinishedTrial; readonly weight: number }[];
  /** Honest validation predictions of the chosen model (out-of-fold for ensembles). */
  readonly predictions: Float64Array;
}

export interface ChoiceContext {
  readonly trials: readonly FinishedTrial[];
  readonly metric: MetricSpec;
  readonly validTarget: Target;
  readonly seed: number;
  readonly ensembles: boolean;
  /** Meta-learner of the stack ensemble (logistic regression or ridge); undefined disables stacking. */
  readonly metaLearner: LearnerSpec | undefined;
  readonly firstId: number;
  readonly finishedAt: () => number;
  /** Hard end of the job (ms since epoch) and the cost of one metric evaluation: ensembling fits in between. */
  readonly deadline: number;
  readonly metricSeconds: number;
}

/**
 * The best single trial, a voting ensemble (greedy selection with replacement) and a stack compete on the same
 * validation rows; ties go to the simpler model. The stack is scored and ranked but cannot be chosen: the model
 * artifact (format v1) holds weighted averages of members only, and a logistic meta-learner is not one.
 */
export function chooseModel(ctx: ChoiceContext): { chosen: ChosenModel; ensembles: TrialRecord[] } {
  const sign = ctx.metric.greaterIsBetter ? 1 : -1;
  const candidates = ctx.trials
    .filter((t) => t.models !== undefined && t.predictions !== undefined && t.record.score !== null)
    .sort((a, b) => sign * b.record.score! - sign * a.record.score!)
    .slice(0, MAX_CANDIDATES);
  const top = candidates[0];
  if (top === undefined) throw new RangeError('chooseModel needs at least one successful trial');
  let chosen: ChosenModel = { record: top.record, members: [{ trial: top, weight: 1 }], predictions: top.predictions! };
  const ensembles: TrialRecord[] = [];
  if (!ctx.ensembles || candidates.length < 2) return { chosen, ensembles };

  // As many candidates as the time left allows (at least two, a second kept for what follows), best first.
  const affordable = Math.floor(
    (ctx.deadline - 1000 - Date.now()) / 1000 / Math.max(1e-6, ctx.metricSeconds * ROUNDS * (SCORING_FOLDS + 1)),
  );
  if (affordable < 2) return { chosen, ensembles };
  candidates.length = Math.min(candidates.length, affordable);
  const started = performance.now();
  const preds = candidates.map((c) => c.predictions!);
  const voting = votingEnsemble(preds, ctx.validTarget, ctx.metric, {
    seed: ctx.seed,
    folds: SCORING_FOLDS,
    rounds: ROUNDS,
  });
  const votingMembers = candidates
    .map((trial, j) => ({ trial, weight: voting.weights[j]! }))
    .filter((m) => m.weight > 0);
  const votingRecord = ensembleRecord(ctx, ctx.firstId, 'VotingEnsemble', votingMembers, voting.predictions, started);
  ensembles.push(votingRecord);
  if (sign * voting.score > sign * chosen.record.score!) {
    chosen = { record: votingRecord, members: votingMembers, predictions: voting.predictions };
  }

  if (ctx.metaLearner !== undefined && Date.now() < ctx.deadline - 1000) {
    const stackStarted = performance.now();
    // The voting members, topped up with the next best trials, so the stack has something to combine.
    const picked = new Set(votingMembers.map((m) => m.trial));
    for (const c of candidates) if (picked.size < 5) picked.add(c);
    const members = candidates.filter((c) => picked.has(c));
    const stack = stackEnsemble(
      members.map((m) => m.predictions!),
      ctx.validTarget,
      ctx.metric,
      ctx.metaLearner,
      { seed: ctx.seed, folds: SCORING_FOLDS },
    );
    const stackMembers = members.map((trial) => ({ trial, weight: 1 / members.length }));
    const stackRecord = ensembleRecord(
      ctx,
      ctx.firstId + 1,
      'StackEnsemble',
      stackMembers,
      stack.predictions,
      stackStarted,
    );
    ensembles.push(stackRecord);
  }
  return { chosen, ensembles };
}

function ensembleRecord(
  ctx: ChoiceContext,
  id: number,
  learner: string,
  members: readonly { trial: FinishedTrial; weight: number }[],
  predictions: Float64Array,
  startedMs: number,
): TrialRecord {
  return {
    id,
    learner,
    origin: 'ensemble',
    params: {},
    status: 'ok',
    score: ctx.metric.compute(ctx.validTarget, predictions),
    metrics: metricsReport(ctx.validTarget, predictions),
    seconds: (performance.now() - startedMs) / 1000,
    finishedAt: ctx.finishedAt(),
    members: members.map((m) => ({ trial: m.trial.record.id, learner: m.trial.record.learner, weight: m.weight })),
  };
}
