import { metricsReport } from '../evaluate/metricsReport';
import { Random } from '../random';
import { Searcher } from '../search/searcher';
import type { LearnerSpec, MetricSpec, Params, Target } from '../types';
import type { TrialOutcome } from './evaluateTrial';
import type { StopReason, TrialRecord } from './result';
import type { TrialRunner } from './trialRunner';

export interface SearchContext {
  readonly learners: readonly LearnerSpec[];
  readonly runner: TrialRunner;
  readonly concurrency: number;
  readonly metric: MetricSpec;
  /** Targets of the validation rows, in the order trials predict them. */
  readonly validTarget: Target;
  readonly seed: number;
  readonly startedAt: number;
  /** Hard end of the job (ms since epoch). */
  readonly deadline: number;
  readonly maxTrials?: number;
  readonly earlyStopTrials?: number;
  /** Seconds the final phase (ensembles, refit, explanations) needs, given the trials so far. */
  readonly reserve: (trials: readonly FinishedTrial[]) => number;
  readonly onTrial?: (record: TrialRecord, best: TrialRecord) => void;
}

export interface FinishedTrial {
  readonly record: TrialRecord;
  readonly predictions?: Float64Array;
  /** Per-fold model JSON; dropped for trials too weak to join an ensemble, to bound memory. */
  models?: readonly unknown[];
  readonly fittedParams?: Params;
}

export interface SearchOutcome {
  readonly trials: readonly FinishedTrial[];
  readonly stoppedBy: StopReason;
  readonly trace: readonly { seconds: number; score: number }[];
}

/** Models kept in memory for the ensemble phase (the best trials, and each family's best). */
const KEPT_MODELS = 24;

/**
 * Runs trials until the time budget (minus what the final phase needs), the trial limit or early termination
 * stops it. Up to `concurrency` trials run at once; results feed the searcher in the order they finish.
 * With one trial at a time the proposals depend only on the seed and the results, never on the clock: the clock
 * decides only where the sequence ends.
 */
export async function runSearch(ctx: SearchContext): Promise<SearchOutcome> {
  const searcher = new Searcher(ctx.learners, new Random(ctx.seed));
  const sign = ctx.metric.greaterIsBetter ? 1 : -1;
  const trials: FinishedTrial[] = [];
  const trace: { seconds: number; score: number }[] = [];
  const running = new Map<
    number,
    Promise<{ outcome: TrialOutcome; learner: string; params: Params; origin: 'default' | 'local' }>
  >();
  let dispatched = 0;
  let best: FinishedTrial | undefined;
  let sinceImprovement = 0;
  let stoppedBy: StopReason | undefined;

  const secondsNow = () => (Date.now() - ctx.startedAt) / 1000;
  const searchEnd = () => ctx.deadline - ctx.reserve(trials) * 1000;
  const estimate = (spec: LearnerSpec): number => {
    const own = trials.filter((t) => t.record.learner === spec.name).slice(-3);
    if (own.length > 0) return Math.max(...own.map((t) => t.record.seconds));
    const rates = trials
      .map((t) => t.record.seconds / specOf(ctx, t.record.learner).relativeCost)
      .sort((a, b) => a - b);
    return rates.length === 0 ? 0 : spec.relativeCost * rates[Math.floor(rates.length / 2)]!;
  };
  let outOfTime = false;
  // A trial expected to end after the search is not started (it would be cut short at the search's end).
  const affordable = (spec: LearnerSpec) => {
    const fits = Date.now() + estimate(spec) * 1000 <= searchEnd();
    if (!fits) outOfTime = true;
    return fits;
  };

  for (;;) {
    while (stoppedBy === undefined && running.size < ctx.concurrency) {
      if (ctx.maxTrials !== undefined && dispatched >= ctx.maxTrials) {
        stoppedBy = 'max_trials';
        break;
      }
      if (Date.now() >= searchEnd()) {
        stoppedBy = 'time_budget';
        break;
      }
      const proposal = searcher.next(affordable);
      if (proposal === undefined) break;
      dispatched++;
      const { id, learner, params, origin } = proposal;
      running.set(
        id,
        ctx.runner
          // Stopping at the end of the search (not of the job) keeps the final phase's time for it.
          .trial({
            kind: 'trial',
            id,
            learner,
            params,
            seed: ctx.seed,
            deadline: Math.max(searchEnd(), Date.now() + 1),
          })
          .then((outcome) => ({ outcome, learner, params, origin })),
      );
    }
    if (running.size === 0) break;
    const { outcome, learner, params, origin } = await Promise.race(running.values());
    running.delete(outcome.id);
    const score = outcome.predictions === undefined ? null : ctx.metric.compute(ctx.validTarget, outcome.predictions);
    const ok = score !== null && Number.isFinite(score);
    searcher.report(outcome.id, ok ? -sign * score : undefined);
    const record: TrialRecord = {
      id: outcome.id,
      learner,
      origin,
      params,
      status: ok ? outcome.status : 'failed',
      score: ok ? score : null,
      metrics: ok && outcome.predictions ? metricsReport(ctx.validTarget, outcome.predictions) : {},
      seconds: outcome.seconds,
      finishedAt: secondsNow(),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    };
    const finished: FinishedTrial = {
      record,
      ...(ok && outcome.predictions ? { predictions: outcome.predictions } : {}),
      ...(ok && outcome.models ? { models: outcome.models } : {}),
      ...(outcome.fittedParams === undefined ? {} : { fittedParams: outcome.fittedParams }),
    };
    trials.push(finished);
    if (ok && (best === undefined || sign * score > sign * best.record.score!)) {
      best = finished;
      sinceImprovement = 0;
    } else {
      sinceImprovement++;
    }
    if (best !== undefined) {
      trace.push({ seconds: record.finishedAt, score: best.record.score! });
      ctx.onTrial?.(record, best.record);
    }
    if (ctx.earlyStopTrials !== undefined && sinceImprovement >= ctx.earlyStopTrials && stoppedBy === undefined) {
      stoppedBy = 'early_termination';
    }
    releaseWeakModels(trials, sign);
  }
  return {
    trials,
    stoppedBy: stoppedBy ?? (outOfTime ? 'time_budget' : 'search_exhausted'),
    trace,
  };
}

function specOf(ctx: SearchContext, name: string): LearnerSpec {
  return ctx.learners.find((l) => l.name === name)!;
}

function releaseWeakModels(trials: FinishedTrial[], sign: number): void {
  const holding = trials.filter((t) => t.models !== undefined);
  if (holding.length <= KEPT_MODELS) return;
  const familyBest = new Set<FinishedTrial>();
  const byFamily = new Map<string, FinishedTrial>();
  for (const t of holding) {
    const current = byFamily.get(t.record.learner);
    if (current === undefined || sign * t.record.score! > sign * current.record.score!)
      byFamily.set(t.record.learner, t);
  }
  for (const t of byFamily.values()) familyBest.add(t);
  const weakest = holding
    .filter((t) => !familyBest.has(t))
    .sort((a, b) => sign * a.record.score! - sign * b.record.score!)[0];
  if (weakest !== undefined) weakest.models = undefined;
}
