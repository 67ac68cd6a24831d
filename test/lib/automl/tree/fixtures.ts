/** Small synthetic datasets with known structure for the tree learner tests. */
import { Random } from '../../../../src/lib/automl/random';
import type { Dataset, FeatureInfo, Target } from '../../../../src/lib/automl/types';

export function dataset(columns: Float64Array[], kinds?: (FeatureInfo['kind'] | number)[]): Dataset {
  const features: FeatureInfo[] = columns.map((_, j) => {
    const k = kinds?.[j] ?? 'numeric';
    return typeof k === 'number' ? { name: `f${j}`, kind: 'categorical', categories: k } : { name: `f${j}`, kind: k };
  });
  return { rows: columns[0]!.length, features, columns };
}

export function binary(y: ArrayLike<number>): Target {
  return { task: 'binary', classes: ['a', 'b'], y: Int32Array.from(y) };
}

/** XOR of two uniform features around 0.5 plus a noise feature: no single split helps, two levels solve it. */
export function xor(rows: number, seed = 1): { data: Dataset; target: Target } {
  const rng = new Random(seed);
  const a = Float64Array.from({ length: rows }, () => rng.next());
  const b = Float64Array.from({ length: rows }, () => rng.next());
  const noise = Float64Array.from({ length: rows }, () => rng.next());
  const y = Array.from(a, (v, i) => (v > 0.5 !== b[i]! > 0.5 ? 1 : 0));
  return { data: dataset([a, b, noise]), target: binary(y) };
}

/** Categorical feature with 10 codes; codes 2, 5 and 7 are positive, the rest negative. */
export function categoricalTask(rows: number, seed = 2): { data: Dataset; target: Target; positive: Set<number> } {
  const rng = new Random(seed);
  const positive = new Set([2, 5, 7]);
  const code = Float64Array.from({ length: rows }, () => rng.int(10));
  const noise = Float64Array.from({ length: rows }, () => rng.next());
  const y = Array.from(code, (c) => (positive.has(c) ? 1 : 0));
  return { data: dataset([code, noise], [10, 'numeric']), target: binary(y), positive };
}

/** Positive-class probabilities from a binary model. */
export function positive(predict: (data: Dataset, out: Float64Array) => void, data: Dataset): Float64Array {
  const out = new Float64Array(data.rows * 2);
  predict(data, out);
  return Float64Array.from({ length: data.rows }, (_, i) => out[i * 2 + 1]!);
}

export function accuracy(p: Float64Array, target: Target): number {
  let ok = 0;
  for (let i = 0; i < p.length; i++) if ((p[i]! > 0.5 ? 1 : 0) === target.y[i]) ok++;
  return ok / p.length;
}
