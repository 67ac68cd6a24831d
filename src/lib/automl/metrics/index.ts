import { userError } from '../../errors';
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
