import type { Frame } from '../../data/frame/frame';
import { takeFrameRows } from '../../data/frame/takeRows';
import { blend } from '../ensemble/greedy';
import type { Featurizer } from '../featurize';
import type { Random } from '../random';
import type { Dataset, LearnerSpec, MetricSpec, Target } from '../types';
import type { ValidationPlan } from '../validation/plan';
import { takeTarget } from '../validation/subset';
import type { ChosenModel } from './chooseModel';
import { type ColumnImportance, type ImportancePart, permutationImportance } from './importance';

/** Validation rows used for permutation importance: enough for stable differences, cheap to score 20 times. */
const MAX_ROWS = 4000;

export interface ExplainContext {
  readonly chosen: ChosenModel;
  readonly plan: ValidationPlan;
  /** The labelled training frame (rows as the plan indexes them). */
  readonly frame: Frame;
  readonly featurizer: Featurizer;
  readonly target: Target;
  readonly metric: MetricSpec;
  readonly resolve: (name: string) => LearnerSpec;
  readonly rng: Random;
  readonly deadline: number;
}

/**
 * Permutation importance of the chosen model's original input columns, measured with the validated models (the
 * ones that never saw those rows): fold k's rows go through fold k's models.
 */
export function explain(ctx: ExplainContext): ColumnImportance[] | undefined {
  const folds = ctx.plan.folds;
  const perFold = Math.ceil(MAX_ROWS / folds.length);
  const sampled: Int32Array[] = folds.map((f) =>
    f.valid.length <= perFold ? f.valid : Int32Array.from(ctx.rng.sample(f.valid.length, perFold), (i) => f.valid[i]!),
  );
  const parts: ImportancePart[] = folds.map((_, k) => {
    const models = ctx.chosen.members.map((m) => ctx.resolve(m.trial.record.learner).load(m.trial.models![k]));
    const weights = ctx.chosen.members.map((m) => m.weight);
    const predictOne = (data: Dataset) =>
      models.map((model) => {
        const out = new Float64Array(data.rows * model.outputs);
        model.predict(data, out);
        return out;
      });
    return {
      frame: takeFrameRows(ctx.frame, sampled[k]!),
      predict: (data: Dataset) => blend(predictOne(data), weights),
    };
  });
  const rows = new Int32Array(sampled.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of sampled) {
    rows.set(s, at);
    at += s.length;
  }
  return permutationImportance(
    parts,
    (f) => ctx.featurizer.transform(f),
    takeTarget(ctx.target, rows),
    ctx.metric,
    ctx.featurizer.columns.map((c) => c.name),
    ctx.rng,
    ctx.deadline - Date.now(),
  );
}
