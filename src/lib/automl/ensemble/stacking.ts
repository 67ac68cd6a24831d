import { Random } from '../random';
import type { Dataset, FeatureInfo, FittedModel, LearnerSpec, MetricSpec, Params, Target } from '../types';
import { planValidation } from '../validation/plan';
import { takeRows, takeTarget } from '../validation/subset';

/** Probabilities are clipped before the log so a confident member cannot produce an infinite feature. */
const EPS = 1e-6;

/**
 * The meta-learner's inputs: per member, the logit of the positive class (binary), the log-probability of each
 * class (multiclass) or the prediction (regression). Logits make a logistic meta-learner a calibrated log-odds blend.
 */
export function stackFeatures(members: readonly Float64Array[], target: Target, rows: number): Dataset {
  const columns: Float64Array[] = [];
  const features: FeatureInfo[] = [];
  members.forEach((p, j) => {
    if (target.task === 'regression') {
      columns.push(Float64Array.from(p));
      features.push({ name: `m${j}`, kind: 'numeric' });
      return;
    }
    const k = target.classes.length;
    if (target.task === 'binary') {
      const col = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const q = Math.min(1 - EPS, Math.max(EPS, p[i * k + 1]!));
        col[i] = Math.log(q / (1 - q));
      }
      columns.push(col);
      features.push({ name: `m${j}`, kind: 'numeric' });
      return;
    }
    for (let c = 0; c < k; c++) {
      const col = new Float64Array(rows);
      for (let i = 0; i < rows; i++) col[i] = Math.log(Math.max(EPS, p[i * k + c]!));
      columns.push(col);
      features.push({ name: `m${j}_c${c}`, kind: 'numeric' });
    }
  });
  return { rows, features, columns };
}

export interface StackResult {
  /** Out-of-fold predictions of the meta-learner over the validation rows, scored like any model. */
  readonly score: number;
  readonly predictions: Float64Array;
  /** The meta-learner refitted on every validation row. */
  readonly meta: FittedModel;
}

/**
 * Stacking (Azure's StackEnsemble): a simple meta-learner fitted on the members' validation predictions. Its own
 * score comes from cross-validation over those rows, so it competes fairly with models that never saw them.
 */
export function stackEnsemble(
  members: readonly Float64Array[],
  target: Target,
  metric: MetricSpec,
  meta: LearnerSpec,
  options: { readonly seed: number; readonly folds?: number; readonly params?: Params },
): StackResult {
  const rows = target.y.length;
  const data = stackFeatures(members, target, rows);
  const params = options.params ?? meta.defaults;
  const outputs = target.task === 'regression' ? 1 : target.classes.length;
  const predictions = new Float64Array(rows * outputs);
  const plan = planValidation(target, { kind: 'cv', folds: options.folds ?? 5 }, new Random(options.seed));
  for (const fold of plan.folds) {
    const model = meta.fit(takeRows(data, fold.train), takeTarget(target, fold.train), params, { seed: options.seed });
    const out = new Float64Array(fold.valid.length * outputs);
    model.predict(takeRows(data, fold.valid), out);
    fold.valid.forEach((row, i) => {
      for (let c = 0; c < outputs; c++) predictions[row * outputs + c] = out[i * outputs + c]!;
    });
  }
  return {
    score: metric.compute(target, predictions),
    predictions,
    meta: meta.fit(data, target, params, { seed: options.seed }),
  };
}
