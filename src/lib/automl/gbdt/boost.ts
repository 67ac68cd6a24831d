/**
 * The boosting loop (LightGBM's GBDT::TrainOneIter): per iteration, gradients from the current scores,
 * an optional row sample (bagging) and feature sample, one tree per score column, leaf values
 * −G/(H + λ) shrunk by the learning rate, then scores updated. With validation data the loss is tracked
 * each iteration and the model is cut back to its best iteration once it stops improving.
 */
import { Random } from '../random';
import { applyBinning, binnedDataset } from '../tree/binning';
import { type CompiledTrees, TreesCompiler } from '../tree/compiled';
import { type GrowConfig, type GrownTree, TreeGrower } from '../tree/grow';
import { checkFitInput } from '../tree/model';
import { binnedLeaf } from '../tree/traverse';
import { type ClassWeight, rowWeights } from '../tree/weights';
import type { Dataset, FitOptions, Target } from '../types';
import { objectiveFor } from './objective';

export interface BoostConfig extends GrowConfig {
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly subsample: number;
  readonly colsampleByTree: number;
  readonly maxBins: number;
  readonly earlyStoppingRounds: number;
  readonly classWeight: ClassWeight;
}

export interface BoostResult {
  readonly trees: CompiledTrees;
  /** Starting raw score of each score column. */
  readonly init: Float64Array;
  readonly importance: Float64Array;
  /** Boosting iterations kept (after early stopping). */
  readonly iterations: number;
}

export function boost(data: Dataset, target: Target, config: BoostConfig, options: FitOptions): BoostResult {
  const rows = data.rows;
  const features = data.features.length;
  const binned = binnedDataset(data, config.maxBins);
  const weights = rowWeights(target, options.sampleWeight, config.classWeight);
  const objective = objectiveFor(target);
  const K = objective.scoreWidth;
  const init = objective.initScores(weights);
  const scores = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) scores[i * K + k] = init[k]!;
  const grad = new Float64Array(rows * K);
  const hess = new Float64Array(rows * K);

  const validation = options.validation;
  if (validation !== undefined) checkFitInput(validation.data, validation.target.y.length, features);
  const val =
    validation === undefined
      ? null
      : {
          binned: applyBinning(binned.mappers, validation.data),
          target: validation.target,
          weights: rowWeights(validation.target, undefined, config.classWeight),
          scores: new Float64Array(validation.data.rows * K),
        };
  if (val !== null) {
    for (let i = 0; i < val.binned.rows; i++) for (let k = 0; k < K; k++) val.scores[i * K + k] = init[k]!;
  }

  const rng = new Random(options.seed);
  const grower = new TreeGrower(binned, 1, config);
  const bagSize = config.subsample < 1 ? Math.max(1, Math.round(config.subsample * rows)) : rows;
  const bag = new Int32Array(bagSize);
  const inBag = new Uint8Array(bagSize < rows ? rows : 0);
  const index = new Int32Array(bagSize);
  const featureCount = Math.max(1, Math.round(config.colsampleByTree * features));
  const grown: { tree: GrownTree; values: Float64Array }[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestIteration = 0;
  let iteration = 0;

  while (iteration < config.nEstimators) {
    objective.gradients(scores, weights, grad, hess);
    if (bagSize < rows) {
      bag.set(rng.sample(rows, bagSize));
      bag.sort();
      inBag.fill(0);
      for (let i = 0; i < bagSize; i++) inBag[bag[i]!] = 1;
    } else {
      for (let i = 0; i < rows; i++) bag[i] = i;
    }
    const treeFeatures =
      featureCount < features
        ? rng.sample(features, featureCount).sort()
        : Int32Array.from({ length: features }, (_, j) => j);
    for (let k = 0; k < K; k++) {
      index.set(bag);
      const source = {
        channels: 1,
        grad: grad.subarray(k * rows, (k + 1) * rows),
        hess: hess.subarray(k * rows, (k + 1) * rows),
      };
      const tree = grower.grow(source, index, bagSize, treeFeatures, 0, rng);
      const leaves = tree.leafSums.length;
      const values = new Float64Array(leaves);
      for (let l = 0; l < leaves; l++) {
        const s = tree.leafSums[l]!;
        values[l] = (-s[0]! / (s[1]! + config.lambdaL2)) * config.learningRate;
      }
      for (let l = 0; l < leaves; l++) {
        const v = values[l]!;
        for (let i = tree.leafStart[l]!; i < tree.leafEnd[l]!; i++) scores[index[i]! * K + k]! += v;
      }
      if (bagSize < rows) {
        for (let i = 0; i < rows; i++)
          if (inBag[i] === 0) scores[i * K + k]! += values[binnedLeaf(tree, binned.bins, i)]!;
      }
      if (val !== null) {
        for (let i = 0; i < val.binned.rows; i++)
          val.scores[i * K + k]! += values[binnedLeaf(tree, val.binned.bins, i)]!;
      }
      grown.push({ tree, values });
    }
    iteration++;
    options.onIteration?.(iteration);
    if (val !== null) {
      const loss = objective.loss(val.scores, val.target, val.weights);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestIteration = iteration;
      } else if (iteration - bestIteration >= config.earlyStoppingRounds) break;
    }
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
  }

  const kept = val !== null ? Math.max(1, bestIteration) : iteration;
  const compiler = new TreesCompiler(binned.mappers, 1);
  const importance = new Float64Array(features);
  // Binary trees add to the positive-class column of the 2-column output; others to their class (or 0).
  const outputOffset = target.task === 'binary' ? 1 : 0;
  for (let t = 0; t < kept * K; t++) {
    const { tree, values } = grown[t]!;
    compiler.add(tree, values, outputOffset + (t % K));
    for (let n = 0; n < tree.feature.length; n++) importance[tree.feature[n]!]! += tree.gain[n]!;
  }
  return { trees: compiler.compile(), init, importance, iterations: kept };
}
