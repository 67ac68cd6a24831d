import { userError } from '../../errors';
import type { Task } from '../../task';
import type { MetricSpec, Target } from '../types';
import {
  accuracy,
  balancedAccuracy,
  f1Macro,
  f1Weighted,
  normMacroRecall,
  precisionMacro,
  precisionWeighted,
  recallMacro,
  recallWeighted,
} from './classification';
import { logLoss } from './logLoss';
import { averagePrecisionWeighted } from './precisionRecall';
import { DEFAULT_PRIMARY_METRICS, defaultPrimaryMetric, type PrimaryMetricDefaults } from './primary';
import { aucWeighted } from './ranking';
import {
  meanAbsoluteError,
  normalizedMeanAbsoluteError,
  normalizedRootMeanSquaredError,
  r2Score,
  rootMeanSquaredError,
  spearmanCorrelation,
} from './regression';

export { type CalibrationBin, calibrationBins } from './calibration';
export { confusionMatrix } from './confusion';
export { classScores, isClass, predictedLabels } from './labels';
export { averagePrecision, type PrPoint, precisionRecallCurve } from './precisionRecall';
export { DEFAULT_PRIMARY_METRICS, defaultPrimaryMetric, type PrimaryMetricDefaults } from './primary';
export { binaryAuc, type RocPoint, rocCurve } from './ranking';

export const classificationMetrics: readonly MetricSpec[] = [
  aucWeighted,
  accuracy,
  averagePrecisionWeighted,
  normMacroRecall,
  precisionWeighted,
  recallWeighted,
  f1Weighted,
  precisionMacro,
  recallMacro,
  f1Macro,
  balancedAccuracy,
  logLoss,
];

export const regressionMetrics: readonly MetricSpec[] = [
  r2Score,
  normalizedRootMeanSquaredError,
  rootMeanSquaredError,
  meanAbsoluteError,
  normalizedMeanAbsoluteError,
  spearmanCorrelation,
];

export const allMetrics: readonly MetricSpec[] = [...classificationMetrics, ...regressionMetrics];

const byName = new Map(allMetrics.map((m) => [m.name, m]));

export function metricByName(name: string): MetricSpec {
  const metric = byName.get(name);
  if (!metric) {
    throw userError('unknown_metric', `Unknown metric "${name}"`, {
      hint: `Known metrics: ${allMetrics.map((m) => m.name).join(', ')}`,
    });
  }
  return metric;
}

/**
 * The metric a task is judged by: the explicit choice, refused when it does not fit the task, else the task's
 * default (a default always fits, so a dataset never fails for a setting it did not choose).
 */
export function primaryMetricFor(
  task: Task,
  explicit: string | undefined,
  defaults: PrimaryMetricDefaults = DEFAULT_PRIMARY_METRICS,
): MetricSpec {
  const metric = metricByName(explicit ?? defaultPrimaryMetric(task, defaults));
  if (!metric.tasks.includes(task)) {
    throw userError('invalid_metric', `metric ${metric.name} does not apply to a ${task} task`, {
      details: [{ path: 'primaryMetric', message: `not a ${task} metric` }],
      hint: `Name a ${task} metric, or leave it out to use the ${task === 'regression' ? 'regression' : 'classification'} default.`,
    });
  }
  return metric;
}

/** Every classification metric by Azure name; label metrics use `threshold` on a binary positive class if given. */
export function classificationReport(
  target: Target,
  predictions: Float64Array,
  options: { readonly threshold?: number } = {},
): Record<string, number> {
  const report: Record<string, number> = {};
  for (const m of classificationMetrics) report[m.name] = m.compute(target, predictions, options);
  return report;
}

export function regressionReport(target: Target, predictions: Float64Array): Record<string, number> {
  const report: Record<string, number> = {};
  for (const m of regressionMetrics) report[m.name] = m.compute(target, predictions);
  return report;
}
