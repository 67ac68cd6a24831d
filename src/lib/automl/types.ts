/**
 * Shared contracts of the AutoML engine. Learners, the featurizer, metrics and the searcher meet here;
 * everything under src/lib/automl is pure and synchronous (no I/O), deterministic for a given seed.
 */

import type { Task } from '../task';

/** The task is a leaf of its own (src/lib/task.ts); the engine's contracts name it too. */
export type { Task };

/** One model input column after featurization. Categorical values are codes 0..categories-1 stored as numbers. */
export interface FeatureInfo {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Number of category codes (categorical only), including the reserved "unknown/rare" code. */
  readonly categories?: number;
}

/**
 * Column-major numeric matrix every learner consumes. `columns[j][i]` is feature j of row i;
 * NaN marks a missing value (numeric or categorical).
 */
export interface Dataset {
  readonly rows: number;
  readonly features: readonly FeatureInfo[];
  readonly columns: readonly Float64Array[];
}

/** Classification targets are class indices 0..K-1 into `classes`; regression targets are values. */
export type Target =
  | { readonly task: 'binary' | 'multiclass'; readonly classes: readonly string[]; readonly y: Int32Array }
  | { readonly task: 'regression'; readonly y: Float64Array };

/** One hyperparameter's domain; `init` is the cheap starting point a cost-aware search begins from. */
export type ParamDomain =
  | { readonly type: 'int'; readonly low: number; readonly high: number; readonly log?: boolean; readonly init: number }
  | {
      readonly type: 'float';
      readonly low: number;
      readonly high: number;
      readonly log?: boolean;
      readonly init: number;
    }
  | {
      readonly type: 'choice';
      readonly values: readonly (string | number | boolean)[];
      readonly init: string | number | boolean;
    };

export type Params = Record<string, string | number | boolean>;

export interface FitOptions {
  readonly seed: number;
  readonly sampleWeight?: Float64Array;
  /** Early stopping data for learners that support it. */
  readonly validation?: { readonly data: Dataset; readonly target: Target };
  /** Wall-clock deadline (ms since epoch): an iterative learner stops cleanly when it passes. */
  readonly deadline?: number;
  /** Called by iterative learners after each iteration (boosting round, tree, optimiser step). */
  readonly onIteration?: (iteration: number) => void;
}

/**
 * A fitted model. `predict` writes into a buffer the caller owns: for classification `rows × K`
 * class probabilities row-major (binary has K = 2), for regression `rows` values.
 */
export interface FittedModel {
  readonly learner: string;
  readonly params: Params;
  readonly outputs: number;
  predict(data: Dataset, out: Float64Array): void;
  /** Feature importance (gain for trees, |coefficient| for linear), one entry per feature. */
  importance(): Float64Array;
  /** Plain JSON that `LearnerSpec.load` restores; numbers only, no typed arrays (they are encoded by the artifact). */
  toJSON(): unknown;
}

/**
 * A model family as the searcher sees it (FLAML's idea): its own search space, a cheap starting point
 * and a relative cost, so the searcher can stay separate from the learners.
 */
export interface LearnerSpec {
  readonly name: string;
  readonly tasks: readonly Task[];
  readonly searchSpace: Readonly<Record<string, ParamDomain>>;
  /** Strong defaults tried first. */
  readonly defaults: Params;
  /** Rough cost of one default fit relative to the GBDT default (1). */
  readonly relativeCost: number;
  fit(data: Dataset, target: Target, params: Params, options: FitOptions): FittedModel;
  load(json: unknown): FittedModel;
}

/** A metric states which direction is better and whether it needs probabilities or labels. */
export interface MetricSpec {
  readonly name: string;
  readonly tasks: readonly Task[];
  readonly greaterIsBetter: boolean;
  /**
   * `predictions` has the `FittedModel.predict` layout. For classification, labels are the argmax
   * unless a binary `threshold` on the positive-class probability is given.
   */
  compute(target: Target, predictions: Float64Array, options?: { readonly threshold?: number }): number;
}
