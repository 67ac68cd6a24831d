import type { MetricSpec } from '../types';
import { classTarget } from './labels';
import { oneVsRestWeighted, thresholdCounts } from './ranking';

export interface PrPoint {
  readonly precision: number;
  readonly recall: number;
  readonly threshold: number;
}

/**
 * sklearn's average_precision_score: Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds — a step function, not the
 * trapezoid (which is optimistic). NaN without positives.
 */
export function averagePrecision(positive: Uint8Array, scores: Float64Array): number {
  const { tp, fp } = thresholdCounts(positive, scores);
  const pos = tp.length === 0 ? 0 : tp[tp.length - 1]!;
  if (pos === 0) return Number.NaN;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < tp.length; i++) {
    const recall = tp[i]! / pos;
    ap += (recall - prevRecall) * (tp[i]! / (tp[i]! + fp[i]!));
    prevRecall = recall;
  }
  return ap;
}

/** Precision–recall points from the highest threshold down, ending where recall first reaches 1 (as sklearn). */
export function precisionRecallCurve(positive: Uint8Array, scores: Float64Array): PrPoint[] {
  const { tp, fp, at } = thresholdCounts(positive, scores);
  const pos = tp.length === 0 ? 0 : tp[tp.length - 1]!;
  const points: PrPoint[] = [];
  for (let i = 0; i < tp.length; i++) {
    points.push({
      precision: tp[i]! / (tp[i]! + fp[i]!),
      recall: pos === 0 ? Number.NaN : tp[i]! / pos,
      threshold: at[i]!,
    });
    if (tp[i] === pos) break;
  }
  return points;
}

export const averagePrecisionWeighted: MetricSpec = {
  name: 'average_precision_score_weighted',
  tasks: ['binary', 'multiclass'],
  greaterIsBetter: true,
  compute: (target, predictions) =>
    oneVsRestWeighted(classTarget(target, 'average_precision_score_weighted'), predictions, averagePrecision),
};
