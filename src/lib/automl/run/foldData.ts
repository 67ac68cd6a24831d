import type { Dataset, Target } from '../types';
import type { Fold } from '../validation/plan';
import { takeRows, takeTarget, takeWeights } from '../validation/subset';

/** One fold materialised: what a trial fits on and what it predicts. */
export interface FoldData {
  readonly train: Dataset;
  readonly trainTarget: Target;
  readonly trainWeights: Float64Array | undefined;
  readonly valid: Dataset;
  readonly validTarget: Target;
}

/** Everything a trial needs, independent of where it runs (this thread or a worker). */
export interface TrialData {
  readonly data: Dataset;
  readonly target: Target;
  readonly weights: Float64Array | undefined;
  readonly folds: readonly Fold[];
}

export function prepareFolds(d: TrialData): FoldData[] {
  return d.folds.map((f) => ({
    train: takeRows(d.data, f.train),
    trainTarget: takeTarget(d.target, f.train),
    trainWeights: takeWeights(d.weights, f.train),
    valid: takeRows(d.data, f.valid),
    validTarget: takeTarget(d.target, f.valid),
  }));
}

/**
 * The validation rows, fold after fold: out-of-fold rows for cross-validation, the holdout otherwise. Every
 * trial's predictions, and so every score and ensemble, use this order.
 */
export function validationRows(folds: readonly Fold[]): Int32Array {
  const out = new Int32Array(folds.reduce((n, f) => n + f.valid.length, 0));
  let at = 0;
  for (const f of folds) {
    out.set(f.valid, at);
    at += f.valid.length;
  }
  return out;
}
