/**
 * Tree growth over binned data (LightGBM's serial tree learner). Leaves keep their rows as a contiguous
 * range of one index array that each split partitions in place. With a leaf budget the leaf whose best
 * split gains most is split next (leaf-wise growth); without one (forests) leaves are split depth-first,
 * which keeps the number of live histograms bounded by the depth.
 *
 * Histograms: when every node sees the tree's whole feature set, only the smaller child's histogram is
 * built and the larger child's is its parent's minus the smaller one (the subtraction trick). When each
 * node samples its own features (random forests), histograms of just those features are built directly.
 */
import type { Random } from '../random';
import type { BinnedDataset } from './binning';
import { buildHistogram, type GradientSource, histogramLength, subtractHistogram } from './histogram';
import { emptySplit, type SplitConfig, SplitFinder, type SplitInfo } from './split';

export interface GrowConfig extends SplitConfig {
  /** Leaf budget; Infinity grows until no leaf can split. */
  readonly numLeaves: number;
  /** Maximum depth; 0 means unlimited. */
  readonly maxDepth: number;
}

/** A grown tree in bin space. Children ≥ 0 are internal nodes, < 0 are leaves (~child). */
export interface GrownTree {
  readonly feature: number[];
  readonly thresholdBin: number[];
  readonly leftBins: (Uint8Array | null)[];
  readonly defaultLeft: boolean[];
  readonly left: number[];
  readonly right: number[];
  readonly gain: number[];
  /** Leaf l owns rows index[leafStart[l] .. leafEnd[l]). */
  readonly leafStart: number[];
  readonly leafEnd: number[];
  /** Sums [g_0..g_{C-1}, h, count] of each leaf. */
  readonly leafSums: Float64Array[];
}

interface Leaf {
  start: number;
  end: number;
  depth: number;
  /** Node whose child pointer refers to this leaf (−1 for the root) and on which side. */
  parent: number;
  isLeft: boolean;
  hist: Float64Array | null;
  split: SplitInfo;
}

export class TreeGrower {
  private readonly finder: SplitFinder;
  private readonly pool: Float64Array[] = [];
  private readonly scratch: Float64Array;
  private readonly swap: Int32Array;
  private readonly histLength: number;

  constructor(
    private readonly binned: BinnedDataset,
    private readonly channels: number,
    private readonly config: GrowConfig,
  ) {
    this.finder = new SplitFinder(binned, channels, config);
    this.scratch = new Float64Array(binned.rows * (channels + 1));
    this.swap = new Int32Array(binned.rows);
    this.histLength = histogramLength(binned, channels);
  }

  /**
   * Grows one tree on rows index[0..count) (partitioned in place). `features` is the tree's feature set;
   * `perNode` > 0 samples that many of them at every node (using `rng`), 0 uses them all with subtraction.
   * `rng` also drives random thresholds when the config asks for them.
   */
  grow(
    source: GradientSource,
    index: Int32Array,
    count: number,
    features: Int32Array,
    perNode: number,
    rng: Random,
  ): GrownTree {
    const C = this.channels;
    const cfg = this.config;
    const tree: GrownTree = {
      feature: [],
      thresholdBin: [],
      leftBins: [],
      defaultLeft: [],
      left: [],
      right: [],
      gain: [],
      leafStart: [],
      leafEnd: [],
      leafSums: [],
    };
    const sampleFeatures = perNode > 0 && perNode < features.length;
    const nodeFeatures = new Int32Array(sampleFeatures ? perNode : 0);
    const thresholdRng = cfg.randomThresholds ? rng : null;

    const rootSums = new Float64Array(C + 2);
    for (let i = 0; i < count; i++) {
      const row = index[i]!;
      for (let c = 0; c < C; c++) rootSums[c]! += source.grad[row * C + c]!;
      rootSums[C]! += source.hess[row]!;
    }
    rootSums[C + 1] = count;
    const leaves: Leaf[] = [];
    const pending: number[] = [];

    const evaluate = (id: number, sums: Float64Array): void => {
      const leaf = leaves[id]!;
      const n = leaf.end - leaf.start;
      const splittable = (cfg.maxDepth <= 0 || leaf.depth < cfg.maxDepth) && n >= 2 * cfg.minDataInLeaf && n >= 2;
      if (splittable) {
        if (sampleFeatures) {
          pickFeatures(features, nodeFeatures, rng);
          const hist = this.acquire();
          buildHistogram(this.binned, source, index, leaf.start, leaf.end, nodeFeatures, hist, this.scratch);
          this.finder.find(hist, nodeFeatures, sums, thresholdRng, leaf.split);
          this.release(hist);
        } else {
          this.finder.find(leaf.hist!, features, sums, thresholdRng, leaf.split);
        }
      } else {
        leaf.split.gain = Number.NEGATIVE_INFINITY;
      }
      if (leaf.split.gain > Number.NEGATIVE_INFINITY) pending.push(id);
      else if (leaf.hist !== null) {
        this.release(leaf.hist);
        leaf.hist = null;
      }
    };

    const root: Leaf = { start: 0, end: count, depth: 0, parent: -1, isLeft: false, hist: null, split: emptySplit(C) };
    leaves.push(root);
    tree.leafSums.push(rootSums);
    if (!sampleFeatures) {
      root.hist = this.acquire();
      buildHistogram(this.binned, source, index, 0, count, features, root.hist, this.scratch);
    }
    evaluate(0, rootSums);

    // When the budget cannot bind (every leaf holds ≥ minDataInLeaf rows), order does not matter: go depth-first.
    const bestFirst = cfg.numLeaves * Math.max(1, cfg.minDataInLeaf) < count;
    while (leaves.length < cfg.numLeaves && pending.length > 0) {
      let at = pending.length - 1;
      if (bestFirst) {
        for (let p = pending.length - 2; p >= 0; p--) {
          const better = leaves[pending[p]!]!.split.gain;
          // Ties go to the lower leaf id so growth order never depends on scan direction.
          const current = leaves[pending[at]!]!.split.gain;
          if (better > current || (better === current && pending[p]! < pending[at]!)) at = p;
        }
      }
      const id = pending[at]!;
      pending.splice(at, 1);
      const leaf = leaves[id]!;
      const split = leaf.split;
      const node = tree.feature.length;
      tree.feature.push(split.feature);
      tree.thresholdBin.push(split.thresholdBin);
      tree.leftBins.push(split.leftBins);
      tree.defaultLeft.push(split.defaultLeft);
      tree.gain.push(split.gain);
      tree.left.push(~id);
      tree.right.push(~leaves.length);
      if (leaf.parent >= 0) (leaf.isLeft ? tree.left : tree.right)[leaf.parent] = node;

      const mid = this.partition(index, leaf.start, leaf.end, split);
      const rightId = leaves.length;
      const right: Leaf = {
        start: mid,
        end: leaf.end,
        depth: leaf.depth + 1,
        parent: node,
        isLeft: false,
        hist: null,
        split: emptySplit(C),
      };
      const leftSums = split.left.slice();
      const rightSums = split.right.slice();
      leaves.push(right);
      tree.leafSums[id] = leftSums;
      tree.leafSums.push(rightSums);
      const parentHist = leaf.hist;
      leaf.end = mid;
      leaf.depth++;
      leaf.parent = node;
      leaf.isLeft = true;
      leaf.hist = null;
      leaf.split = emptySplit(C);
      if (parentHist !== null) {
        const [small, large] = mid - leaf.start <= right.end - mid ? [leaf, right] : [right, leaf];
        small.hist = this.acquire();
        buildHistogram(this.binned, source, index, small.start, small.end, features, small.hist, this.scratch);
        subtractHistogram(this.binned, C, features, parentHist, small.hist);
        large.hist = parentHist;
      }
      evaluate(id, leftSums);
      evaluate(rightId, rightSums);
    }
    for (const leaf of leaves) {
      if (leaf.hist !== null) this.release(leaf.hist);
      tree.leafStart.push(leaf.start);
      tree.leafEnd.push(leaf.end);
    }
    return tree;
  }

  /** Stable in-place partition of index[start..end) by the split; returns the first right position. */
  private partition(index: Int32Array, start: number, end: number, split: SplitInfo): number {
    const l = partitionRows(index, start, end, this.binned.bins[split.feature]!, split, this.swap);
    index.set(this.swap.subarray(0, end - l), l);
    return l;
  }

  private acquire(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.histLength);
  }

  private release(hist: Float64Array): void {
    this.pool.push(hist);
  }
}

/**
 * Moves the rows of index[start..end) that the split sends left to the front, in order, and the others to `swap`;
 * returns where the front ends. A function of its own, returning right after its loop: a long first call runs the
 * loop as OSR code, which deoptimised on every later call at code after the loop that had not run yet.
 */
function partitionRows(
  index: Int32Array,
  start: number,
  end: number,
  column: Uint8Array,
  split: SplitInfo,
  swap: Int32Array,
): number {
  const { leftBins, thresholdBin, defaultLeft } = split;
  let l = start;
  let r = 0;
  for (let i = start; i < end; i++) {
    const row = index[i]!;
    const b = column[row]!;
    // Bin 0 holds missing values; a categorical split lists its left bins.
    const left = leftBins !== null ? leftBins[b] === 1 : b === 0 ? defaultLeft : b <= thresholdBin;
    if (left) index[l++] = row;
    else swap[r++] = row;
  }
  return l;
}

/** Partial Fisher–Yates: the first out.length entries of a random permutation of `from`, kept sorted. */
function pickFeatures(from: Int32Array, out: Int32Array, rng: Random): void {
  const picked = rng.sample(from.length, out.length);
  for (let k = 0; k < out.length; k++) out[k] = from[picked[k]!]!;
  out.sort();
}
