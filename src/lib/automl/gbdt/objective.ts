/**
 * Boosting objectives (LightGBM's objective functions): each fills the caller's gradient and hessian
 * buffers from the current raw scores, gives the starting score (boost from average), the loss used for
 * early stopping and the link from raw scores to predictions. Scores are row-major rows × scoreWidth;
 * gradients are class-major (class k's rows at k * rows) so each class's tree reads one contiguous block.
 */
import type { Target } from '../types';

export interface Objective {
  /** Raw scores per row: 1 for binary and regression, K for multiclass. */
  readonly scoreWidth: number;
  initScores(weights: Float64Array): Float64Array;
  gradients(scores: Float64Array, weights: Float64Array, grad: Float64Array, hess: Float64Array): void;
  /** Weighted mean loss of scores for `target` (lower is better). */
  loss(scores: Float64Array, target: Target, weights: Float64Array): number;
}

const MIN_HESSIAN = 1e-16;
const EPS = 1e-15;

export function objectiveFor(target: Target): Objective {
  if (target.task === 'regression') return l2(target.y);
  if (target.task === 'binary') return logistic(target.y);
  return softmax(target.y, target.classes.length);
}

function weightedMean(values: (i: number) => number, weights: Float64Array): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i]! * values(i);
    w += weights[i]!;
  }
  return w > 0 ? s / w : 0;
}

function l2(y: Float64Array): Objective {
  return {
    scoreWidth: 1,
    initScores: (weights) => Float64Array.of(weightedMean((i) => y[i]!, weights)),
    gradients(scores, weights, grad, hess) {
      for (let i = 0; i < y.length; i++) {
        grad[i] = (scores[i]! - y[i]!) * weights[i]!;
        hess[i] = weights[i]!;
      }
    },
    loss: (scores, target, weights) => {
      const t = target.y;
      return weightedMean((i) => (scores[i]! - t[i]!) ** 2, weights);
    },
  };
}

function sigmoid(s: number): number {
  return 1 / (1 + Math.exp(-s));
}

function logistic(y: Int32Array): Objective {
  return {
    scoreWidth: 1,
    initScores(weights) {
      const p = Math.min(
        1 - EPS,
        Math.max(
          EPS,
          weightedMean((i) => y[i]!, weights),
        ),
      );
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradients(scores, weights, grad, hess) {
      for (let i = 0; i < y.length; i++) {
        const p = sigmoid(scores[i]!);
        const w = weights[i]!;
        grad[i] = (p - y[i]!) * w;
        hess[i] = Math.max(p * (1 - p), MIN_HESSIAN) * w;
      }
    },
    loss: (scores, target, weights) => {
      const t = target.y;
      return weightedMean((i) => {
        const p = Math.min(1 - EPS, Math.max(EPS, sigmoid(scores[i]!)));
        return t[i] === 1 ? -Math.log(p) : -Math.log(1 - p);
      }, weights);
    },
  };
}

/** Softmax of src[from .. from + k) into out[to .. to + k) (may be the same place). */
export function softmaxInto(src: Float64Array, from: number, k: number, out: Float64Array, to: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) max = Math.max(max, src[from + c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(src[from + c]! - max);
    out[to + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) out[to + c]! /= sum;
}

function softmax(y: Int32Array, k: number): Objective {
  const rows = y.length;
  const prob = new Float64Array(k);
  // LightGBM's factor k/(k-1) makes the diagonal Newton step match the full softmax Hessian better.
  const factor = k / (k - 1);
  return {
    scoreWidth: k,
    initScores(weights) {
      const init = new Float64Array(k);
      for (let c = 0; c < k; c++)
        init[c] = Math.log(
          Math.max(
            EPS,
            weightedMean((i) => (y[i] === c ? 1 : 0), weights),
          ),
        );
      return init;
    },
    gradients(scores, weights, grad, hess) {
      for (let i = 0; i < rows; i++) {
        softmaxInto(scores, i * k, k, prob, 0);
        const w = weights[i]!;
        for (let c = 0; c < k; c++) {
          const p = prob[c]!;
          grad[c * rows + i] = (p - (y[i] === c ? 1 : 0)) * w;
          hess[c * rows + i] = Math.max(factor * p * (1 - p), MIN_HESSIAN) * w;
        }
      }
    },
    loss: (scores, target, weights) => {
      const t = target.y;
      const p = new Float64Array(k);
      return weightedMean((i) => {
        softmaxInto(scores, i * k, k, p, 0);
        return -Math.log(Math.max(EPS, p[t[i]!]!));
      }, weights);
    },
  };
}
