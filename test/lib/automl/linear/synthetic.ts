import { Random } from '../../../../src/lib/automl/random';
import type { Dataset, FeatureInfo } from '../../../../src/lib/automl/types';

/** A dataset from named columns; categorical columns give their code count. */
export function dataset(columns: { name: string; values: Float64Array; categories?: number }[]): Dataset {
  const features: FeatureInfo[] = columns.map((c) =>
    c.categories === undefined
      ? { name: c.name, kind: 'numeric' }
      : { name: c.name, kind: 'categorical', categories: c.categories },
  );
  return { rows: columns[0]!.values.length, features, columns: columns.map((c) => c.values) };
}

/** Rows with x1 ~ N(0, 1), x2 ~ N(1, 2²) and a three-level categorical g (codes 0..2). */
export function linearProblem(rows: number, seed: number): { x1: Float64Array; x2: Float64Array; g: Float64Array } {
  const r = new Random(seed);
  const x1 = new Float64Array(rows);
  const x2 = new Float64Array(rows);
  const g = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    x1[i] = r.normal();
    x2[i] = 1 + 2 * r.normal();
    g[i] = r.int(3);
  }
  return { x1, x2, g };
}
