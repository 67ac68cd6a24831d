import type { MetricSpec } from '../types';
import { checkLayout, classScores, classSupport, classTarget, isClass } from './labels';
import { orderByScoreDesc } from './scoreOrder';

/**
 * Binary ROC AUC by the Mann–Whitney statistic with average ranks for tied scores, which equals the trapezoidal
 * area under sklearn's ROC curve. NaN when only one class is present.
 */
export function binaryAuc(positive: Uint8Array, scores: Float64Array): number {
  const order = orderByScoreDesc(scores);
  const n = order.length;
  let pos = 0;
  for (const p of positive) pos += p;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  // Walk descending; for each tie group, positives beat the negatives seen after, and share half the ties.
  let negAbove = 0;
  let area = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    let groupPos = 0;
    let groupNeg = 0;
    const s = scores[order[i]!]!;
    while (j < n && scores[order[j]!] === s) {
      if (positive[order[j]!]) groupPos++;
      else groupNeg++;
      j++;
    }
    area += groupPos * (neg - negAbove - groupNeg) + 0.5 * groupPos * groupNeg;
    negAbove += groupNeg;
    i = j;
  }
  return area / (pos * neg);
}

export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  /** Score at or above which rows are called positive; +Infinity for the origin. */
  readonly threshold: number;
}

/** sklearn's roc_curve with drop_intermediate: one point per distinct score, collinear points removed. */
export function rocCurve(positive: Uint8Array, scores: Float64Array): RocPoint[] {
  let pos = 0;
  for (const p of positive) pos += p;
  const neg = positive.length - pos;
  const counts = thresholdCounts(positive, scores);
  const tps = [0, ...counts.tp];
  const fps = [0, ...counts.fp];
  const thresholds = [Number.POSITIVE_INFINITY, ...counts.at];
  const points: RocPoint[] = [];
  for (let i = 0; i < tps.length; i++) {
    const keep =
      i === 0 ||
      i === tps.length - 1 ||
      fps[i + 1]! - 2 * fps[i]! + fps[i - 1]! !== 0 ||
      tps[i + 1]! - 2 * tps[i]! + tps[i - 1]! !== 0;
    if (keep) {
      points.push({
        fpr: neg === 0 ? Number.NaN : fps[i]! / neg,
        tpr: pos === 0 ? Number.NaN : tps[i]! / pos,
        threshold: thresholds[i]!,
      });
    }
  }
  return points;
}

/**
 * Support-weighted mean of a one-vs-rest per-class score; classes absent from the truth weigh nothing (so a class
 * missing from a fold is skipped rather than making the score undefined). Binary targets are scored over both
 * classes too, as Azure does (AUC is the same for either class; average precision is not).
 */
export function oneVsRestWeighted(
  target: ReturnType<typeof classTarget>,
  predictions: Float64Array,
  score: (positive: Uint8Array, scores: Float64Array) => number,
): number {
  const k = target.classes.length;
  checkLayout(target.y.length, k, predictions, 'oneVsRest');
  const support = classSupport(target);
  let sum = 0;
  let total = 0;
  for (let c = 0; c < k; c++) {
    if (support[c] === 0) continue;
    const v = score(isClass(target.y, c), classScores(predictions, k, c));
    if (Number.isNaN(v)) return Number.NaN;
    sum += v * support[c]!;
    total += support[c]!;
  }
  return total === 0 ? Number.NaN : sum / total;
}

export const aucWeighted: MetricSpec = {
  name: 'AUC_weighted',
  tasks: ['binary', 'multiclass'],
  greaterIsBetter: true,
  compute: (target, predictions) => oneVsRestWeighted(classTarget(target, 'AUC_weighted'), predictions, binaryAuc),
};

/** Cumulative (tp, fp) at each distinct score, highest score first. */
export function thresholdCounts(
  positive: Uint8Array,
  scores: Float64Array,
): { tp: number[]; fp: number[]; at: number[] } {
  const order = orderByScoreDesc(scores);
  const tpList: number[] = [];
  const fpList: number[] = [];
  const at: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (positive[order[i]!]) tp++;
    else fp++;
    const s = scores[order[i]!]!;
    if (i === order.length - 1 || scores[order[i + 1]!] !== s) {
      tpList.push(tp);
      fpList.push(fp);
      at.push(s);
    }
  }
  return { tp: tpList, fp: fpList, at };
}
