import { classificationReport, confusionMatrix, regressionReport } from '../metrics';
import type { Target } from '../types';

/** Every metric of the task, by Azure name: the one metric core of the search, the leaderboard and evaluations. */
export function metricsReport(target: Target, predictions: Float64Array, threshold?: number): Record<string, number> {
  if (target.task === 'regression') return regressionReport(target, predictions);
  return classificationReport(target, predictions, threshold === undefined ? {} : { threshold });
}

/** Rows by true and predicted class, with the decision threshold the metrics use. */
export function confusion(
  target: Extract<Target, { task: 'binary' | 'multiclass' }>,
  predictions: Float64Array,
  threshold?: number,
): { classes: readonly string[]; matrix: number[][] } {
  const matrix = confusionMatrix(target, predictions, threshold === undefined ? {} : { threshold });
  return { classes: target.classes, matrix };
}
