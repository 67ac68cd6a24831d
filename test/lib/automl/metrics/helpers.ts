import type { Target } from '../../../../src/lib/automl/types';

export function binary(y: number[]): Target {
  return { task: 'binary', classes: ['no', 'yes'], y: Int32Array.from(y) };
}

export function multiclass(classes: string[], y: number[]): Target {
  return { task: 'multiclass', classes, y: Int32Array.from(y) };
}

/** Binary probabilities buffer from positive-class scores. */
export function binaryProbs(scores: number[]): Float64Array {
  return Float64Array.from(scores.flatMap((p) => [1 - p, p]));
}
