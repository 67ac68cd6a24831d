/**
 * Row weights of a fit: the caller's sample weights times class weights ('balanced' gives each class the
 * same total weight, as scikit-learn's class_weight='balanced').
 */
import { userError } from '../../errors';
import type { Target } from '../types';

export type ClassWeight = 'none' | 'balanced';

export function rowWeights(
  target: Target,
  sampleWeight: Float64Array | undefined,
  classWeight: ClassWeight,
): Float64Array {
  const rows = target.y.length;
  if (sampleWeight !== undefined && sampleWeight.length !== rows) {
    throw userError('invalid_weights', `Sample weights have ${sampleWeight.length} entries for ${rows} rows`);
  }
  const w = sampleWeight === undefined ? new Float64Array(rows).fill(1) : Float64Array.from(sampleWeight);
  for (let i = 0; i < rows; i++) {
    if (!(w[i]! >= 0 && Number.isFinite(w[i]!))) throw userError('invalid_weights', `Sample weight ${i} is invalid`);
  }
  if (classWeight === 'balanced' && target.task !== 'regression') {
    const k = target.classes.length;
    const total = new Float64Array(k);
    for (let i = 0; i < rows; i++) total[target.y[i]!]! += w[i]!;
    const sum = total.reduce((a, b) => a + b, 0);
    const present = total.filter((t) => t > 0).length;
    for (let i = 0; i < rows; i++) w[i]! *= sum / (present * total[target.y[i]!]!);
  }
  return w;
}
