/**
 * QuickScorer-style scoring (Lucchese et al., SIGIR 2015) for ensembles of trees with at most 32 leaves:
 * each tree's leaves are numbered left to right, and a node that sends a row right rules out the leaves
 * of its left subtree (a 32-bit mask). The row's leaf is the leftmost one no node ruled out. Since every
 * threshold is a bin boundary, a feature has few distinct outcomes (slots): a numeric value's slot is how
 * many distinct thresholds lie below it, a category's slot is its code, and missing or unseen values have
 * their own slot. Per (feature, slot) the masks are pre-combined per tree, so a row costs one AND per
 * (feature, tree it ruled leaves out of) instead of a node-by-node walk with unpredictable branches.
 */
import { CATEGORICAL, type CompiledTrees, NAN_RIGHT } from './compiled';

/** Larger ensembles keep the node-by-node walk: the pre-combined masks would cost too much memory. */
const MAX_ENTRIES = 1 << 22;
const BLOCK = 128;

export interface LeafMasks {
  readonly features: number;
  /** How many sample rows chose the orientation. */
  readonly sampled: number;
  /** Per feature: first slot, and sorted distinct thresholds (numeric) or null (categorical). */
  readonly firstSlot: Int32Array;
  readonly thresholds: readonly (Float64Array | null)[];
  /** Per feature: categories (categorical) or distinct thresholds + 1 (numeric); that slot is "missing". */
  readonly missingSlot: Int32Array;
  /** Slot s ANDs entries[i + 1] into tree entries[i]'s mask for even i in [slotStart[s], slotStart[s + 1]). */
  readonly slotStart: Int32Array;
  readonly entries: Int32Array;
  /** Leaf (index into leafValues / leafWidth) of tree t's k-th leaf from the left: leafAt[t * 32 + k]. */
  readonly leafAt: Int32Array;
  /** The output column every tree adds to when leaves hold one value and all trees share it, else -1. */
  readonly singleOutput: number;
  /** With a single output: the value of tree t's k-th leaf from the left, at t * 32 + k. */
  readonly valueAt: Float64Array;
}

/**
 * Builds the masks, or null when a tree has more than 32 leaves or the masks would be too large. Which
 * child counts as "right" is free per node (leaves are numbered to match); choosing, for each node, the
 * child the sample rows [start, end) of `columns` reach less often makes fewer masks apply per row. The
 * choice changes only the work, never the leaf a row reaches.
 */
export function buildLeafMasks(
  trees: CompiledTrees,
  columns: readonly Float64Array[],
  start: number,
  end: number,
): LeafMasks | null {
  const features = columns.length;
  const count = trees.treeRoot.length;
  const nodes = trees.nodeFeature.length;
  if (!smallTrees(trees)) return null;
  const byFeature: number[][] = Array.from({ length: features }, () => []);
  for (let n = 0; n < nodes; n++) byFeature[trees.nodeFeature[n]!]!.push(n);

  // Slots per feature, and for each node whether a value in slot s goes right: goesRight(n, s).
  const firstSlot = new Int32Array(features);
  const missingSlot = new Int32Array(features);
  const thresholds: (Float64Array | null)[] = [];
  const rank = new Int32Array(nodes);
  let slots = 0;
  for (let j = 0; j < features; j++) {
    const own = byFeature[j]!;
    const categorical = own.filter((n) => (trees.nodeFlags[n]! & CATEGORICAL) !== 0);
    firstSlot[j] = slots;
    if (categorical.length === 0) {
      const distinct = Float64Array.from(new Set(own.map((n) => trees.nodeThreshold[n]!))).sort();
      for (const n of own) rank[n] = lowerBound(distinct, trees.nodeThreshold[n]!);
      thresholds.push(distinct);
      missingSlot[j] = distinct.length + 1;
    } else {
      // A feature is either numeric or categorical; a mix (or a fractional category count) keeps the walk.
      const counts = categorical.map((n) => trees.nodeThreshold[n]!);
      if (categorical.length !== own.length || !counts.every(Number.isInteger)) return null;
      thresholds.push(null);
      missingSlot[j] = Math.max(...counts);
    }
    slots += missingSlot[j]! + 1;
    if (slots > MAX_ENTRIES) return null;
  }
  const goesRight = (n: number, slot: number): boolean => {
    const j = trees.nodeFeature[n]!;
    if (slot === missingSlot[j]) return (trees.nodeFlags[n]! & NAN_RIGHT) !== 0;
    return thresholds[j] == null ? categoryGoesRight(trees, n, slot) : rank[n]! < slot;
  };

  const seen = new Float64Array(slots);
  for (let j = 0; j < features; j++) {
    for (let r = start; r < end; r++)
      seen[firstSlot[j]! + slotOf(columns[j]![r]!, thresholds[j] ?? null, missingSlot[j]!)]!++;
  }
  // Sample rows above each numeric slot, so a numeric node's count is one look-up.
  const above = new Float64Array(slots);
  for (let j = 0; j < features; j++) {
    if (thresholds[j] == null) continue;
    for (let s = missingSlot[j]! - 2; s >= 0; s--)
      above[firstSlot[j]! + s] = above[firstSlot[j]! + s + 1]! + seen[firstSlot[j]! + s + 1]!;
  }
  const swapped = new Uint8Array(nodes);
  for (let n = 0; n < nodes; n++) {
    const j = trees.nodeFeature[n]!;
    const missing = firstSlot[j]! + missingSlot[j]!;
    let right = (trees.nodeFlags[n]! & NAN_RIGHT) !== 0 ? seen[missing]! : 0;
    if (thresholds[j] != null) right += above[firstSlot[j]! + rank[n]!]!;
    else
      for (let s = 0; s < missingSlot[j]!; s++)
        if (seen[firstSlot[j]! + s]! > 0 && goesRight(n, s)) right += seen[firstSlot[j]! + s]!;
    swapped[n] = 2 * right > end - start ? 1 : 0;
  }

  // Nodes no root reaches rule nothing out; a node two trees share keeps the walk.
  const treeOf = new Int32Array(nodes).fill(-1);
  const nodeMask = new Int32Array(nodes).fill(-1);
  const leafAt = new Int32Array(count * 32);
  for (let t = 0; t < count; t++) {
    if (!numberLeaves(trees, t, swapped, treeOf, nodeMask, leafAt)) return null;
  }

  // Slot s: per tree, the AND of the masks of the nodes that send its values to their second child.
  const slotStart: number[] = [0];
  const entries: number[] = [];
  for (let j = 0; j < features; j++) {
    for (let s = 0; s <= missingSlot[j]!; s++) {
      const combined = new Map<number, number>();
      for (const n of byFeature[j]!) {
        if (treeOf[n] === -1 || goesRight(n, s) === (swapped[n] === 1)) continue;
        combined.set(treeOf[n]!, (combined.get(treeOf[n]!) ?? -1) & nodeMask[n]!);
      }
      for (const t of [...combined.keys()].sort((a, b) => a - b)) entries.push(t, combined.get(t)!);
      slotStart.push(entries.length);
      if (entries.length + slotStart.length > MAX_ENTRIES) return null;
    }
  }
  const singleOutput =
    trees.leafWidth === 1 && count > 0 && trees.treeOutput.every((c) => c === trees.treeOutput[0])
      ? trees.treeOutput[0]!
      : -1;
  return {
    features,
    sampled: end - start,
    firstSlot,
    thresholds,
    missingSlot,
    slotStart: Int32Array.from(slotStart),
    entries: Int32Array.from(entries),
    leafAt,
    singleOutput,
    valueAt: Float64Array.from(singleOutput >= 0 ? leafAt : [], (leaf) => trees.leafValues[leaf]!),
  };
}

/** Whether every tree has at most 32 leaves: checked first, as forests' deep trees never do. */
function smallTrees(trees: CompiledTrees): boolean {
  const leaves = new Int32Array(trees.nodeFeature.length);
  const of = (child: number): number => (child < 0 ? 1 : leaves[child]!);
  // Children come after their parents (compiledFromJSON checks it), so one backward pass counts.
  for (let n = leaves.length - 1; n >= 0; n--)
    leaves[n] = Math.min(33, of(trees.nodeLeft[n]!) + of(trees.nodeRight[n]!));
  return trees.treeRoot.every((root) => of(root) <= 32);
}

/**
 * Numbers tree t's leaves in order, each node's first child (the left one unless swapped) first; false
 * when the tree has more than 32 leaves or shares a node.
 */
function numberLeaves(
  trees: CompiledTrees,
  t: number,
  swapped: Uint8Array,
  treeOf: Int32Array,
  nodeMask: Int32Array,
  leafAt: Int32Array,
): boolean {
  let leaves = 0;
  // Returns the number of leaves numbered after visiting `child`, or -1 when the tree does not fit.
  const visit = (child: number): number => {
    if (child < 0) {
      if (leaves === 32) return -1;
      leafAt[t * 32 + leaves] = ~child;
      return ++leaves;
    }
    if (treeOf[child] !== -1) return -1;
    treeOf[child] = t;
    const [first, second] =
      swapped[child] === 1
        ? [trees.nodeRight[child]!, trees.nodeLeft[child]!]
        : [trees.nodeLeft[child]!, trees.nodeRight[child]!];
    const from = leaves;
    if (visit(first) < 0) return -1;
    // Reaching the second child rules out the first child's leaves [from, leaves).
    nodeMask[child] = ~((leaves - from === 32 ? -1 : (1 << (leaves - from)) - 1) << from);
    return visit(second);
  };
  return visit(trees.treeRoot[t]!) >= 0;
}

function categoryGoesRight(trees: CompiledTrees, n: number, code: number): boolean {
  if (code >= trees.nodeThreshold[n]!) return (trees.nodeFlags[n]! & NAN_RIGHT) !== 0;
  const word = trees.catBits[trees.catStart[trees.nodeCat[n]!]! + (code >>> 5)]!;
  return ((word >>> (code & 31)) & 1) === 0;
}

/**
 * Same contract and summation order as the walk: per row, trees are added in order. Slots are found a
 * block of rows at a time, one column after the other, before the rows' masks are combined.
 */
export function addLeafMaskOutputs(
  masks: LeafMasks,
  trees: CompiledTrees,
  columns: readonly Float64Array[],
  start: number,
  end: number,
  out: Float64Array,
  width: number,
): void {
  const { firstSlot, thresholds, missingSlot, slotStart } = masks;
  const entries = masks.entries;
  const count = trees.treeRoot.length;
  const features = columns.length;
  const alive = new Int32Array(count);
  const slots = new Int32Array(Math.min(BLOCK, end - start) * features);
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const b1 = Math.min(end, b0 + BLOCK);
    for (let j = 0; j < features; j++) {
      const column = columns[j]!;
      const first = firstSlot[j]!;
      const cuts = thresholds[j] ?? null;
      const missing = missingSlot[j]!;
      for (let r = b0; r < b1; r++) slots[(r - b0) * features + j] = first + slotOf(column[r]!, cuts, missing);
    }
    for (let r = b0; r < b1; r++) {
      alive.fill(-1);
      const base = (r - b0) * features;
      for (let j = 0; j < features; j++) {
        const s = slots[base + j]!;
        const stop = slotStart[s + 1]!;
        let i = slotStart[s]!;
        // Two entries per step: measurably faster in V8 than one.
        for (; i + 2 < stop; i += 4) {
          alive[entries[i]!]! &= entries[i + 1]!;
          alive[entries[i + 2]!]! &= entries[i + 3]!;
        }
        if (i < stop) alive[entries[i]!]! &= entries[i + 1]!;
      }
      addLeaves(masks, trees, alive, out, (r - start) * width);
    }
  }
}

/** Adds each tree's leaf, the lowest bit still alive, to the row's outputs from out[o], trees in order. */
function addLeaves(masks: LeafMasks, trees: CompiledTrees, alive: Int32Array, out: Float64Array, o: number): void {
  const { treeOutput, leafValues, leafWidth } = trees;
  const leafAt = masks.leafAt;
  const count = alive.length;
  if (masks.singleOutput >= 0) {
    // One output column: summing in a local adds the same values in the same order as out[] += would.
    const valueAt = masks.valueAt;
    let sum = out[o + masks.singleOutput]!;
    for (let t = 0; t < count; t++) {
      const a = alive[t]!;
      sum += valueAt[t * 32 + 31 - Math.clz32(a & -a)]!;
    }
    out[o + masks.singleOutput] = sum;
    return;
  }
  for (let t = 0; t < count; t++) {
    const a = alive[t]!;
    const leaf = leafAt[t * 32 + 31 - Math.clz32(a & -a)]!;
    for (let k = 0; k < leafWidth; k++) out[o + treeOutput[t]! + k]! += leafValues[leaf * leafWidth + k]!;
  }
}

function slotOf(x: number, thresholds: Float64Array | null, missing: number): number {
  if (thresholds === null) return x >= 0 && x < missing ? Math.floor(x) : missing;
  return Number.isNaN(x) ? missing : lowerBound(thresholds, x);
}

/** How many of the sorted values are below x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
