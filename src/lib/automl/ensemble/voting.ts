import { Random } from '../random';
import type { MetricSpec, Target } from '../types';
import { planValidation } from '../validation/plan';
import { takeTarget } from '../validation/subset';
import { blend, greedyEnsemble } from './greedy';

export interface VotingResult {
  /** Weights chosen on every validation row: the ensemble that ships. */
  readonly weights: Float64Array;
  /** Score of out-of-fold blends (weights chosen without the rows they are scored on). */
  readonly score: number;
  readonly predictions: Float64Array;
}

/**
 * A voting ensemble whose reported score is honest: greedy selection on k−1 folds of the validation rows is scored
 * on the remaining fold, so the ensemble competes with single models without grading its own homework.
 */
export function votingEnsemble(
  candidates: readonly Float64Array[],
  target: Target,
  metric: MetricSpec,
  options: { readonly seed: number; readonly folds?: number; readonly rounds?: number },
): VotingResult {
  const outputs = target.task === 'regression' ? 1 : target.classes.length;
  const rows = target.y.length;
  const predictions = new Float64Array(rows * outputs);
  const plan = planValidation(target, { kind: 'cv', folds: options.folds ?? 3 }, new Random(options.seed));
  for (const fold of plan.folds) {
    const pick = (p: Float64Array, index: Int32Array) => {
      const out = new Float64Array(index.length * outputs);
      index.forEach((row, i) => {
        for (let c = 0; c < outputs; c++) out[i * outputs + c] = p[row * outputs + c]!;
      });
      return out;
    };
    const selection = greedyEnsemble(
      candidates.map((p) => pick(p, fold.train)),
      takeTarget(target, fold.train),
      metric,
      options.rounds,
    );
    const blended = blend(
      candidates.map((p) => pick(p, fold.valid)),
      selection.weights,
    );
    fold.valid.forEach((row, i) => {
      for (let c = 0; c < outputs; c++) predictions[row * outputs + c] = blended[i * outputs + c]!;
    });
  }
  const weights = greedyEnsemble(candidates, target, metric, options.rounds).weights;
  return { weights, score: metric.compute(target, predictions), predictions };
}
