/**
 * Random forests and extra trees on the histogram trees. Each tree sees a bootstrap sample (as bin
 * counts: a row drawn m times weighs m) and samples `maxFeatures` features at every node. Trees split
 * on weighted variance of the one-hot class indicators (equal to Gini impurity) or of the regression
 * target, grown until leaves are pure or hit the size limits. Extra trees draw one random cut per
 * feature instead of scanning. Rows left out of a tree's sample give the out-of-bag estimate.
 */
import { Random } from '../random';
import { binnedDataset } from '../tree/binning';
import { type CompiledTrees, TreesCompiler } from '../tree/compiled';
import { type GrowConfig, type GrownTree, TreeGrower } from '../tree/grow';
import { binnedLeaf } from '../tree/traverse';
import { type ClassWeight, rowWeights } from '../tree/weights';
import type { Dataset, FitOptions, Target } from '../types';

export interface ForestConfig extends GrowConfig {
  readonly nEstimators: number;
  /** Features sampled at each node. */
  readonly maxFeatures: number;
  readonly bootstrap: boolean;
  readonly maxBins: number;
  readonly classWeight: ClassWeight;
}

/** Out-of-bag estimate: accuracy (classification) or R² (regression) over rows with out-of-bag votes. */
export interface OobEstimate {
  readonly metric: 'accuracy' | 'r2';
  readonly score: number;
  /** Fraction of rows that were out of bag for at least one tree. */
  readonly coverage: number;
}

export interface ForestResult {
  readonly trees: CompiledTrees;
  readonly importance: Float64Array;
  readonly oob: OobEstimate | null;
}

export function fitForest(data: Dataset, target: Target, config: ForestConfig, options: FitOptions): ForestResult {
  const rows = data.rows;
  const binned = binnedDataset(data, config.maxBins);
  const weights = rowWeights(target, options.sampleWeight, config.classWeight);
  // Mean weight 1 makes the minimum gain mean the same for any weight scale.
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (totalWeight > 0) for (let i = 0; i < rows; i++) weights[i]! *= rows / totalWeight;
  const K = target.task === 'regression' ? 1 : target.classes.length;
  const width = K; // values per leaf and per prediction row
  // Binary needs one indicator channel (the other is its complement); multiclass one per class.
  const C = target.task === 'multiclass' ? K : 1;
  const baseGrad = new Float64Array(rows * C);
  for (let i = 0; i < rows; i++) {
    if (target.task === 'regression') baseGrad[i] = target.y[i]! * weights[i]!;
    else if (C === 1) baseGrad[i] = target.y[i] === 1 ? weights[i]! : 0;
    else baseGrad[i * C + target.y[i]!] = weights[i]!;
  }
  const grad = new Float64Array(rows * C);
  const hess = new Float64Array(rows);
  const source = { channels: C, grad, hess };
  const rng = new Random(options.seed);
  const grower = new TreeGrower(binned, C, config);
  const allFeatures = Int32Array.from({ length: data.features.length }, (_, j) => j);
  const drawn = new Int32Array(rows);
  const index = new Int32Array(rows);
  const oobSum = new Float64Array(config.bootstrap ? rows * width : 0);
  const oobVotes = new Int32Array(config.bootstrap ? rows : 0);
  const grown: { tree: GrownTree; values: Float64Array }[] = [];

  for (let t = 0; t < config.nEstimators; t++) {
    drawn.fill(config.bootstrap ? 0 : 1);
    if (config.bootstrap) for (let i = 0; i < rows; i++) drawn[rng.int(rows)]!++;
    let count = 0;
    for (let i = 0; i < rows; i++) {
      const m = drawn[i]!;
      if (m === 0) continue;
      index[count++] = i;
      for (let c = 0; c < C; c++) grad[i * C + c] = baseGrad[i * C + c]! * m;
      hess[i] = weights[i]! * m;
    }
    const tree = grower.grow(source, index, count, allFeatures, config.maxFeatures, rng);
    const values = leafValues(tree, target.task, K);
    if (config.bootstrap) {
      for (let i = 0; i < rows; i++) {
        if (drawn[i] !== 0) continue;
        const leaf = binnedLeaf(tree, binned.bins, i);
        for (let k = 0; k < width; k++) oobSum[i * width + k]! += values[leaf * width + k]!;
        oobVotes[i]!++;
      }
    }
    grown.push({ tree, values });
    options.onIteration?.(t + 1);
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
  }

  const compiler = new TreesCompiler(binned.mappers, width);
  const importance = new Float64Array(data.features.length);
  const share = 1 / grown.length;
  for (const { tree, values } of grown) {
    compiler.add(
      tree,
      values.map((v) => v * share),
      0,
    );
    for (let n = 0; n < tree.feature.length; n++) importance[tree.feature[n]!]! += tree.gain[n]!;
  }
  const oob = config.bootstrap ? oobEstimate(target, oobSum, oobVotes, width) : null;
  return { trees: compiler.compile(), importance, oob };
}

/** Class proportions (classification) or the mean (regression) of each leaf's weighted rows. */
function leafValues(tree: GrownTree, task: Target['task'], K: number): Float64Array {
  const leaves = tree.leafSums.length;
  const values = new Float64Array(leaves * K);
  for (let l = 0; l < leaves; l++) {
    const s = tree.leafSums[l]!;
    const C = s.length - 2;
    const h = s[C]!;
    if (!(h > 0)) continue;
    if (task === 'regression') values[l] = s[0]! / h;
    else if (C === 1) {
      values[l * 2 + 1] = s[0]! / h;
      values[l * 2] = 1 - s[0]! / h;
    } else for (let k = 0; k < K; k++) values[l * K + k] = s[k]! / h;
  }
  return values;
}

function oobEstimate(target: Target, sum: Float64Array, votes: Int32Array, width: number): OobEstimate {
  const rows = votes.length;
  let covered = 0;
  if (target.task === 'regression') {
    let mean = 0;
    for (let i = 0; i < rows; i++) {
      if (votes[i] === 0) continue;
      covered++;
      mean += target.y[i]!;
    }
    mean /= Math.max(1, covered);
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < rows; i++) {
      if (votes[i] === 0) continue;
      ssRes += (target.y[i]! - sum[i]! / votes[i]!) ** 2;
      ssTot += (target.y[i]! - mean) ** 2;
    }
    return { metric: 'r2', score: ssTot > 0 ? 1 - ssRes / ssTot : 0, coverage: covered / rows };
  }
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    if (votes[i] === 0) continue;
    covered++;
    let best = 0;
    for (let k = 1; k < width; k++) if (sum[i * width + k]! > sum[i * width + best]!) best = k;
    if (best === target.y[i]) correct++;
  }
  return { metric: 'accuracy', score: covered > 0 ? correct / covered : 0, coverage: covered / rows };
}
