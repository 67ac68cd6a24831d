import type { Target } from '../types';
import type { TrialData } from './foldData';

type Typed = Float64Array | Int32Array;

function shared<T extends Typed>(a: T): T {
  const buffer = new SharedArrayBuffer(a.byteLength);
  const copy = (a instanceof Float64Array ? new Float64Array(buffer) : new Int32Array(buffer)) as T;
  copy.set(a);
  return copy;
}

/**
 * The trial data copied once into shared memory. Posted to a worker (as its workerData), typed arrays over a
 * SharedArrayBuffer are shared, not cloned: every worker reads the same columns without a per-trial copy.
 */
export function toSharedTrialData(d: TrialData): TrialData {
  const target: Target =
    d.target.task === 'regression'
      ? { task: 'regression', y: shared(d.target.y) }
      : { task: d.target.task, classes: d.target.classes, y: shared(d.target.y) };
  return {
    data: { rows: d.data.rows, features: d.data.features, columns: d.data.columns.map(shared) },
    target,
    weights: d.weights === undefined ? undefined : shared(d.weights),
    folds: d.folds.map((f) => ({ train: shared(f.train), valid: shared(f.valid) })),
  };
}
