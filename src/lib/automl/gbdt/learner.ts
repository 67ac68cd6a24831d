/**
 * The gradient-boosting learner as the searcher sees it. Search space after FLAML's LGBMEstimator:
 * tree count and leaf count on log scales starting tiny (the cheap initial point), learning rate and
 * L2 on log scales, plus row/column sampling. Defaults are a strong general-purpose configuration.
 */
import { userError } from '../../errors';
import { checkFitInput } from '../tree/model';
import { choiceParam, intParam, numberParam } from '../tree/params';
import type { LearnerSpec, Params } from '../types';
import { type BoostConfig, boost } from './boost';
import { GbdtModel, loadGbdtModel } from './model';

/** The searcher's default configuration; the parameters it does not search fall back to the values in boostConfig. */
const DEFAULTS = {
  nEstimators: 500,
  numLeaves: 31,
  learningRate: 0.05,
  minDataInLeaf: 20,
  colsampleByTree: 0.8,
  subsample: 1,
  lambdaL2: 1,
} as const satisfies Params;

export function boostConfig(p: Params): BoostConfig {
  return {
    nEstimators: intParam(p, 'nEstimators', DEFAULTS.nEstimators, 1, 100_000),
    learningRate: numberParam(p, 'learningRate', DEFAULTS.learningRate, 1e-6, 1),
    numLeaves: intParam(p, 'numLeaves', DEFAULTS.numLeaves, 2, 131_072),
    maxDepth: intParam(p, 'maxDepth', 0, 0, 64),
    minDataInLeaf: intParam(p, 'minDataInLeaf', DEFAULTS.minDataInLeaf, 1, 1e9),
    minSumHessian: numberParam(p, 'minSumHessian', 1e-3, 0, 1e9),
    lambdaL2: numberParam(p, 'lambdaL2', DEFAULTS.lambdaL2, 0, 1e6),
    minGain: numberParam(p, 'minGain', 0, 0, 1e9),
    subsample: numberParam(p, 'subsample', DEFAULTS.subsample, 0.01, 1),
    colsampleByTree: numberParam(p, 'colsampleByTree', DEFAULTS.colsampleByTree, 0.01, 1),
    maxBins: intParam(p, 'maxBins', 255, 3, 255),
    earlyStoppingRounds: intParam(p, 'earlyStoppingRounds', 50, 1, 1e6),
    classWeight: choiceParam(p, 'classWeight', 'none', ['none', 'balanced'] as const),
    catSmooth: numberParam(p, 'catSmooth', 10, 0, 1e6),
    catL2: numberParam(p, 'catL2', 10, 0, 1e6),
    maxCatThreshold: intParam(p, 'maxCatThreshold', 32, 1, 255),
    maxCatToOnehot: intParam(p, 'maxCatToOnehot', 4, 1, 255),
    minDataPerGroup: intParam(p, 'minDataPerGroup', 100, 1, 1e9),
    randomThresholds: false,
  };
}

export const gbdtLearner: LearnerSpec = {
  name: 'lgbm',
  tasks: ['binary', 'multiclass', 'regression'],
  searchSpace: {
    nEstimators: { type: 'int', low: 4, high: 4096, log: true, init: 4 },
    numLeaves: { type: 'int', low: 4, high: 1024, log: true, init: 4 },
    minDataInLeaf: { type: 'int', low: 2, high: 128, log: true, init: 20 },
    learningRate: { type: 'float', low: 1 / 1024, high: 1, log: true, init: 0.1 },
    colsampleByTree: { type: 'float', low: 0.1, high: 1, init: 1 },
    subsample: { type: 'float', low: 0.5, high: 1, init: 1 },
    lambdaL2: { type: 'float', low: 1 / 1024, high: 1024, log: true, init: 1 },
  },
  defaults: DEFAULTS,
  relativeCost: 1,
  fit(data, target, params, options) {
    checkFitInput(data, target.y.length);
    if (target.task !== 'regression' && target.classes.length < 2) {
      throw userError('single_class', 'Classification needs at least two classes');
    }
    const config = boostConfig(params);
    const result = boost(data, target, config, options);
    const outputs = target.task === 'regression' ? 1 : target.classes.length;
    return new GbdtModel(
      { ...DEFAULTS, ...params },
      target.task,
      outputs,
      data.features.length,
      result.init,
      result.trees,
      result.importance,
      result.iterations,
    );
  },
  load: loadGbdtModel,
};
