import type { Dataset, Target } from '../types';

/** Rows `index` of a dataset, as a new column-major dataset (learners need contiguous columns). */
export function takeRows(data: Dataset, index: Int32Array): Dataset {
  const columns = data.columns.map((col) => {
    const out = new Float64Array(index.length);
    for (let i = 0; i < index.length; i++) out[i] = col[index[i]!]!;
    return out;
  });
  return { rows: index.length, features: data.features, columns };
}

export function takeTarget(target: Target, index: Int32Array): Target {
  if (target.task === 'regression') {
    const y = new Float64Array(index.length);
    for (let i = 0; i < index.length; i++) y[i] = target.y[index[i]!]!;
    return { task: 'regression', y };
  }
  const y = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) y[i] = target.y[index[i]!]!;
  return { task: target.task, classes: target.classes, y };
}

/** Row weights follow their rows. */
export function takeWeights(weights: Float64Array | undefined, index: Int32Array): Float64Array | undefined {
  if (weights === undefined) return undefined;
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = weights[index[i]!]!;
  return out;
}
