/**
 * Random forest ('rf') and extra trees ('extra_trees') as the searcher sees them. Search space after
 * FLAML's RandomForestEstimator: tree and leaf counts on log scales from a tiny start, and the fraction
 * of features sampled per node. Bootstrap for rf, none for extra trees (as scikit-learn).
 */
import { userError } from '../../errors';
import { checkFitInput } from '../tree/model';
import { choiceParam, intParam } from '../tree/params';
import type { LearnerSpec, Params } from '../types';
import { type ForestConfig, fitForest } from './fit';
import { ForestModel, loadForestModel } from './model';

/** Features per node: a fraction of them, or 'sqrt' / 'log2' of their count. */
function featuresPerNode(value: string | number | boolean | undefined, features: number): number {
  if (value === 'sqrt') return Math.max(1, Math.round(Math.sqrt(features)));
  if (value === 'log2') return Math.max(1, Math.round(Math.log2(features)));
  if (typeof value === 'number' && value > 0 && value <= 1) return Math.max(1, Math.round(value * features));
  throw userError(
    'invalid_params',
    `Parameter maxFeatures must be 'sqrt', 'log2' or a fraction in (0, 1], got ${value}`,
  );
}

function forestConfig(params: Params, features: number, extra: boolean): ForestConfig {
  // numLeaves 0 means no budget.
  const numLeaves = intParam(params, 'numLeaves', 32768, 0, 1e9);
  return {
    nEstimators: intParam(params, 'nEstimators', 100, 1, 100_000),
    maxFeatures: featuresPerNode(params['maxFeatures'] ?? 0.25, features),
    bootstrap: params['bootstrap'] === undefined ? !extra : params['bootstrap'] === true,
    numLeaves: numLeaves === 0 ? Number.POSITIVE_INFINITY : numLeaves,
    maxDepth: intParam(params, 'maxDepth', 0, 0, 1000),
    minDataInLeaf: intParam(params, 'minDataInLeaf', 1, 1, 1e9),
    maxBins: intParam(params, 'maxBins', 255, 3, 255),
    classWeight: choiceParam(params, 'classWeight', 'none', ['none', 'balanced'] as const),
    // Variance reduction needs no regularisation; the tiny minimum gain stops splits of pure leaves on round-off.
    lambdaL2: 0,
    minSumHessian: 0,
    minGain: 1e-9,
    catSmooth: 0,
    catL2: 0,
    maxCatThreshold: 64,
    maxCatToOnehot: 4,
    minDataPerGroup: intParam(params, 'minDataInLeaf', 1, 1, 1e9),
    randomThresholds: extra,
  };
}

function forestLearner(name: 'rf' | 'extra_trees', defaults: Params, relativeCost: number): LearnerSpec {
  const extra = name === 'extra_trees';
  return {
    name,
    tasks: ['binary', 'multiclass', 'regression'],
    searchSpace: {
      nEstimators: { type: 'int', low: 4, high: 2048, log: true, init: 4 },
      maxFeatures: { type: 'float', low: 0.1, high: 1, init: 1 },
      numLeaves: { type: 'int', low: 4, high: 32768, log: true, init: 4 },
      minDataInLeaf: { type: 'int', low: 1, high: 64, log: true, init: 1 },
    },
    defaults,
    relativeCost,
    fit(data, target, params, options) {
      checkFitInput(data, target.y.length);
      if (target.task !== 'regression' && target.classes.length < 2) {
        throw userError('single_class', 'Classification needs at least two classes');
      }
      const merged = { ...defaults, ...params };
      const result = fitForest(data, target, forestConfig(merged, data.features.length, extra), options);
      const outputs = target.task === 'regression' ? 1 : target.classes.length;
      return new ForestModel(
        name,
        merged,
        target.task,
        outputs,
        data.features.length,
        result.trees,
        result.importance,
        result.oob,
      );
    },
    load: (json) => loadForestModel(json, name),
  };
}

/**
 * Defaults stay inside the search space (the searcher starts its local search from them): a quarter of
 * the features per node (close to √features for typical widths) and a leaf budget that rarely binds.
 */
const FOREST_DEFAULTS: Params = { nEstimators: 100, maxFeatures: 0.25, minDataInLeaf: 3, numLeaves: 32768 };

export const randomForestLearner = forestLearner('rf', FOREST_DEFAULTS, 2);
export const extraTreesLearner = forestLearner('extra_trees', FOREST_DEFAULTS, 2.5);
