import type { MetricSpec } from '../types';
import { checkLayout, regressionTarget } from './labels';

/** Regression metrics by Azure AutoML's names; "normalized" divides by the range of the true values. */
function regressionMetric(
  name: string,
  greaterIsBetter: boolean,
  value: (y: Float64Array, p: Float64Array) => number,
): MetricSpec {
  return {
    name,
    tasks: ['regression'],
    greaterIsBetter,
    compute(target, predictions) {
      const t = regressionTarget(target, name);
      checkLayout(t.y.length, 1, predictions, name);
      return t.y.length === 0 ? Number.NaN : value(t.y, predictions);
    },
  };
}

function mse(y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - p[i]!) ** 2;
  return s / y.length;
}

function mae(y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i]! - p[i]!);
  return s / y.length;
}

/** Range of the truth; a constant truth leaves the error unnormalised rather than dividing by zero. */
function range(y: Float64Array): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of y) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? hi - lo : 1;
}

/** Average ranks (1-based), ties sharing their mean rank. */
export function averageRanks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]! || a - b);
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let m = i; m <= j; m++) ranks[order[m]!] = rank;
    i = j + 1;
  }
  return ranks;
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? Number.NaN : sab / Math.sqrt(saa * sbb);
}

/** sklearn's r2_score with force_finite: a constant truth scores 1 if predicted exactly, else 0. */
export const r2Score = regressionMetric('r2_score', true, (y, p) => {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let ssTot = 0;
  for (const v of y) ssTot += (v - mean) ** 2;
  const ssRes = mse(y, p) * y.length;
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
});
export const rootMeanSquaredError = regressionMetric('root_mean_squared_error', false, (y, p) => Math.sqrt(mse(y, p)));
export const normalizedRootMeanSquaredError = regressionMetric(
  'normalized_root_mean_squared_error',
  false,
  (y, p) => Math.sqrt(mse(y, p)) / range(y),
);
export const meanAbsoluteError = regressionMetric('mean_absolute_error', false, mae);
export const normalizedMeanAbsoluteError = regressionMetric(
  'normalized_mean_absolute_error',
  false,
  (y, p) => mae(y, p) / range(y),
);
/** scipy's spearmanr: Pearson correlation of average ranks; NaN when either side is constant. */
export const spearmanCorrelation = regressionMetric('spearman_correlation', true, (y, p) =>
  pearson(averageRanks(y), averageRanks(p)),
);
