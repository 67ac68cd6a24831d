import { classificationReport, regressionReport } from '../metrics';
import type { Target } from '../types';

/** Every metric of the task, by Azure name. */
export function metricsReport(target: Target, predictions: Float64Array, threshold?: number): Record<string, number> {
  if (target.task === 'regression') return regressionReport(target, predictions);
  return classificationReport(target, predictions, threshold === undefined ? {} : { threshold });
}
