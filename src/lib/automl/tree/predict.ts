/**
 * Scoring with the compiled form. Ensembles of small trees (boosting) use pre-combined leaf masks
 * (leafMasks.ts), built once per model on its first batch and kept beside it, run in WebAssembly when
 * every tree adds to one output (leafMaskKernel.ts); the rest walk the trees. The walk processes
 * rows in blocks: the block's values are first copied row-major (one row's features side by side), then
 * each tree walks every row of the block, so the tree's nodes and the block stay in cache. Numeric nodes
 * step without branching: the comparison picks the child from the interleaved child array.
 */
import { CATEGORICAL, type CompiledTrees, NAN_RIGHT } from './compiled';
import { LeafMaskKernel } from './leafMaskKernel';
import { addLeafMaskOutputs, buildLeafMasks, type LeafMasks } from './leafMasks';

const BLOCK = 256;
/** Rows of the first batch that orient the leaf masks (see buildLeafMasks). */
const SAMPLE = 1024;

/** The masks, and the WebAssembly kernel that runs them when every tree adds to the same output. */
interface MaskScorer {
  readonly masks: LeafMasks;
  readonly kernel: LeafMaskKernel | null;
}

const scorers = new WeakMap<CompiledTrees, MaskScorer | null>();

/**
 * Adds the leaf values of every tree for rows [start, end) of `columns` into
 * out[(row - start) * width + treeOutput[t] + k], k < leafWidth. Both paths add a row's trees in order,
 * so their sums are bit-identical.
 */
export function addTreeOutputs(
  trees: CompiledTrees,
  columns: readonly Float64Array[],
  start: number,
  end: number,
  out: Float64Array,
  width: number,
): void {
  let scorer = scorers.get(trees);
  const sample = Math.min(end - start, SAMPLE);
  // Rebuilt when a batch offers a much larger sample than the one that oriented the masks (say, after
  // single rows), or for another feature count.
  if (
    scorer === undefined ||
    (scorer !== null && (scorer.masks.features !== columns.length || scorer.masks.sampled * 4 < sample))
  ) {
    const masks = buildLeafMasks(trees, columns, start, start + sample);
    scorer = masks === null ? null : { masks, kernel: LeafMaskKernel.of(masks) };
    scorers.set(trees, scorer);
  }
  if (scorer === null) walkTrees(trees, columns, start, end, out, width);
  else if (scorer.kernel !== null) scorer.kernel.add(columns, start, end, out, width);
  else addLeafMaskOutputs(scorer.masks, trees, columns, start, end, out, width);
}

/** The node-by-node walk, for trees with more than 32 leaves. */
export function walkTrees(
  trees: CompiledTrees,
  columns: readonly Float64Array[],
  start: number,
  end: number,
  out: Float64Array,
  width: number,
): void {
  const { treeRoot, treeOutput, nodeFeature, nodeThreshold, nodeChildren, nodeFlags, leafValues } = trees;
  const leafWidth = trees.leafWidth;
  const features = columns.length;
  const block = new Float64Array(Math.min(BLOCK, end - start) * features);
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    for (let j = 0; j < features; j++) {
      const column = columns[j]!;
      for (let r = b0; r < b1; r++) block[(r - b0) * features + j] = column[r]!;
    }
    for (let t = 0; t < trees.treeRoot.length; t++) {
      const root = treeRoot[t]!;
      const output = treeOutput[t]!;
      for (let r = b0; r < b1; r++) {
        const base = (r - b0) * features;
        let n = root;
        while (n >= 0) {
          const x = block[base + nodeFeature[n]!]!;
          const flags = nodeFlags[n]!;
          // NaN fails both comparisons: it goes right exactly when the node says so.
          const right =
            (flags & CATEGORICAL) === 0
              ? (x > nodeThreshold[n]! ? 1 : 0) | (flags & NAN_RIGHT & (Number.isNaN(x) ? 1 : 0))
              : categoryGoesRight(trees, n, x, flags);
          n = nodeChildren[2 * n + right]!;
        }
        const o = (r - start) * width + output;
        if (leafWidth === 1) out[o]! += leafValues[~n]!;
        else for (let k = 0; k < leafWidth; k++) out[o + k]! += leafValues[~n * leafWidth + k]!;
      }
    }
  }
}

function categoryGoesRight(trees: CompiledTrees, n: number, x: number, flags: number): number {
  if (!(x >= 0 && x < trees.nodeThreshold[n]!)) return flags & NAN_RIGHT;
  const code = Math.floor(x);
  const word = trees.catBits[trees.catStart[trees.nodeCat[n]!]! + (code >>> 5)]!;
  return 1 - ((word >>> (code & 31)) & 1);
}
