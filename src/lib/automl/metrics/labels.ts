import { systemError } from '../../errors';
import type { Target } from '../types';

/** Helpers every classification metric shares: the target's class shape and predicted labels. */
export type ClassTarget = Extract<Target, { task: 'binary' | 'multiclass' }>;
export type RegressionTarget = Extract<Target, { task: 'regression' }>;

export function classTarget(target: Target, metric: string): ClassTarget {
  if (target.task === 'regression') throw systemError('metric_task', `${metric} needs a classification target`);
  return target;
}

export function regressionTarget(target: Target, metric: string): RegressionTarget {
  if (target.task !== 'regression') throw systemError('metric_task', `${metric} needs a regression target`);
  return target;
}

/** Checks the `rows × K` layout so a wrong buffer fails loudly instead of scoring garbage. */
export function checkLayout(rows: number, outputs: number, predictions: Float64Array, metric: string): void {
  if (predictions.length !== rows * outputs) {
    throw systemError(
      'metric_layout',
      `${metric}: expected ${rows}×${outputs} = ${rows * outputs} predictions, got ${predictions.length}`,
    );
  }
}

/**
 * Predicted class per row: the argmax (first maximum on ties, as numpy does), or for binary targets
 * the positive class (index 1) when its probability reaches `threshold`.
 */
export function predictedLabels(target: ClassTarget, predictions: Float64Array, threshold?: number): Int32Array {
  const k = target.classes.length;
  const n = target.y.length;
  checkLayout(n, k, predictions, 'predictedLabels');
  const labels = new Int32Array(n);
  if (threshold !== undefined && k === 2) {
    for (let i = 0; i < n; i++) labels[i] = predictions[2 * i + 1]! >= threshold ? 1 : 0;
    return labels;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestP = predictions[i * k]!;
    for (let c = 1; c < k; c++) {
      const p = predictions[i * k + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}

/** Rows per class (the support sklearn weights by). */
export function classSupport(target: ClassTarget): Float64Array {
  const support = new Float64Array(target.classes.length);
  for (const c of target.y) support[c]! += 1;
  return support;
}

/** Column `c` of a row-major `rows × k` buffer. */
export function classScores(predictions: Float64Array, k: number, c: number): Float64Array {
  const n = predictions.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = predictions[i * k + c]!;
  return out;
}

/** 1 where the row's class is `c`. */
export function isClass(y: Int32Array, c: number): Uint8Array {
  const out = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] === c ? 1 : 0;
  return out;
}
