import type { Target } from '../types';

/** Metrics that score every class equally, so a rare class counts as much as a common one. */
const CLASS_BALANCED_METRICS = new Set([
  'balanced_accuracy',
  'norm_macro_recall',
  'recall_score_macro',
  'precision_score_macro',
  'f1_score_macro',
]);

/** Azure's imbalance guardrail: the smallest class under 20 % of the largest. */
const IMBALANCE_RATIO = 0.2;

/**
 * Row weights that give every class the same total weight, when asked for, or (`auto`) when the classes are
 * skewed and the primary metric rewards every class equally. Weighting would otherwise shift probabilities away
 * from the base rate and cost accuracy and log loss for nothing.
 */
export function classBalanceWeights(
  target: Target,
  mode: 'auto' | 'none' | 'balanced',
  metric: string,
): Float64Array | undefined {
  if (target.task === 'regression' || mode === 'none') return undefined;
  const counts = new Float64Array(target.classes.length);
  for (const c of target.y) counts[c]!++;
  const present = counts.filter((n) => n > 0);
  const skewed = Math.min(...present) < IMBALANCE_RATIO * Math.max(...present);
  if (mode === 'auto' && !(skewed && CLASS_BALANCED_METRICS.has(metric))) return undefined;
  const rows = target.y.length;
  return Float64Array.from(target.y, (c) => rows / (present.length * counts[c]!));
}
