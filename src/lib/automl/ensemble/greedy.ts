import type { MetricSpec, Target } from '../types';

export interface EnsembleSelection {
  /** One weight per candidate (0 for unused), summing to 1. */
  readonly weights: Float64Array;
  readonly score: number;
}

/**
 * Greedy ensemble selection with replacement (Caruana et al., 2004; Azure's VotingEnsemble): start from the best
 * single model, then repeatedly add whichever candidate (again, possibly) most improves the averaged predictions.
 * The best ensemble seen along the way wins, so adding never makes the result worse than the best single model.
 * Each round scores every candidate once: rounds × candidates metric evaluations in all.
 */
export function greedyEnsemble(
  candidates: readonly Float64Array[],
  target: Target,
  metric: MetricSpec,
  rounds = 20,
  patience = 3,
): EnsembleSelection {
  if (candidates.length === 0) throw new RangeError('greedyEnsemble needs at least one candidate');
  const sign = metric.greaterIsBetter ? 1 : -1;
  const length = candidates[0]!.length;
  const counts = new Int32Array(candidates.length);
  const sum = new Float64Array(length);
  const trial = new Float64Array(length);

  const blendScore = (add: Float64Array, members: number): number => {
    for (let i = 0; i < length; i++) trial[i] = (sum[i]! + add[i]!) / members;
    return sign * metric.compute(target, trial);
  };

  let bestCounts = counts.slice();
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestRound = 0;
  // Stop once `patience` rounds in a row have not beaten the best ensemble: later rounds rarely recover.
  for (let round = 0; round < rounds && round - bestRound <= patience; round++) {
    let pick = -1;
    let pickScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((c, j) => {
      const s = blendScore(c, round + 1);
      if (s > pickScore) {
        pickScore = s;
        pick = j;
      }
    });
    if (pick < 0) break;
    counts[pick]!++;
    const chosen = candidates[pick]!;
    for (let i = 0; i < length; i++) sum[i]! += chosen[i]!;
    // Strictly better only: on ties the smaller ensemble is kept (cheaper to score, same validation evidence).
    if (pickScore > bestScore) {
      bestScore = pickScore;
      bestCounts = counts.slice();
      bestRound = round;
    }
  }
  const total = bestCounts.reduce((a, b) => a + b, 0);
  return { weights: Float64Array.from(bestCounts, (c) => c / total), score: sign * bestScore };
}

/** Weighted average of member predictions (same layout as each member's). */
export function blend(members: readonly Float64Array[], weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(members[0]?.length ?? 0);
  members.forEach((m, j) => {
    const w = weights[j]!;
    if (w === 0) return;
    for (let i = 0; i < out.length; i++) out[i]! += w * m[i]!;
  });
  return out;
}
