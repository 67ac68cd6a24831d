/**
 * Walks a grown tree in bin space: used during training for rows outside the tree's sample (bagging,
 * out-of-bag estimates) and for validation data binned with the training boundaries.
 */
import type { GrownTree } from './grow';

export function binnedLeaf(tree: GrownTree, bins: readonly Uint8Array[], row: number): number {
  if (tree.feature.length === 0) return 0;
  let n = 0;
  while (n >= 0) {
    const b = bins[tree.feature[n]!]![row]!;
    const mask = tree.leftBins[n];
    const left = mask != null ? mask[b] === 1 : b === 0 ? tree.defaultLeft[n]! : b <= tree.thresholdBin[n]!;
    n = left ? tree.left[n]! : tree.right[n]!;
  }
  return ~n;
}
