import type { MetricSpec, Target } from '../types';

/** Metrics computed from predicted labels: on a binary task they move with the decision threshold. */
const LABEL_METRICS = new Set([
  'accuracy',
  'balanced_accuracy',
  'norm_macro_recall',
  'precision_score_weighted',
  'recall_score_weighted',
  'f1_score_weighted',
  'precision_score_macro',
  'recall_score_macro',
  'f1_score_macro',
]);

export function dependsOnThreshold(target: Target, metric: MetricSpec): boolean {
  return target.task === 'binary' && LABEL_METRICS.has(metric.name);
}

/**
 * The positive-class probability cut-off that scores best on validation predictions, searched on a 0.01 grid;
 * ties keep the cut-off nearest 0.5 so a flat metric leaves the usual decision alone.
 */
export function tuneThreshold(target: Target, predictions: Float64Array, metric: MetricSpec): number {
  const sign = metric.greaterIsBetter ? 1 : -1;
  let best = 0.5;
  let bestScore = sign * metric.compute(target, predictions, { threshold: 0.5 });
  for (let t = 1; t < 100; t++) {
    const threshold = t / 100;
    const score = sign * metric.compute(target, predictions, { threshold });
    if (score > bestScore || (score === bestScore && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))) {
      best = threshold;
      bestScore = score;
    }
  }
  return best;
}
