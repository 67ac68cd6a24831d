import type { Target } from '../types';
import { checkLayout, classTarget } from './labels';

export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean predicted probability of the class in the bin. */
  readonly meanPredicted: number;
  /** Observed share of the class in the bin. */
  readonly fractionPositive: number;
}

/**
 * Reliability diagram data (sklearn's calibration_curve, uniform strategy): `bins` equal-width probability bins
 * for one class (default: the positive class of a binary target, else class 0); empty bins are left out.
 */
export function calibrationBins(
  target: Target,
  predictions: Float64Array,
  options: { readonly bins?: number; readonly classIndex?: number } = {},
): CalibrationBin[] {
  const t = classTarget(target, 'calibrationBins');
  const k = t.classes.length;
  const n = t.y.length;
  checkLayout(n, k, predictions, 'calibrationBins');
  const bins = options.bins ?? 10;
  const c = options.classIndex ?? (k === 2 ? 1 : 0);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = predictions[i * k + c]!;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[b]! += 1;
    sumP[b]! += p;
    if (t.y[i] === c) hits[b]! += 1;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      count: count[b]!,
      meanPredicted: sumP[b]! / count[b]!,
      fractionPositive: hits[b]! / count[b]!,
    });
  }
  return out;
}
