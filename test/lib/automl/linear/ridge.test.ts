import { describe, expect, it } from 'vitest';
import { type RidgeModel, ridgeLearner } from '../../../../src/lib/automl/linear';
import { Random } from '../../../../src/lib/automl/random';
import type { Target } from '../../../../src/lib/automl/types';
import { dataset, linearProblem } from './synthetic';

describe('ridge regression', () => {
  it('recovers a known slope, intercept and group offsets', () => {
    const rows = 5000;
    const { x1, x2, g } = linearProblem(rows, 21);
    const r = new Random(22);
    const offsets = [0, 4, -2];
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) y[i] = 2 + 3 * x1[i]! - 1.5 * x2[i]! + offsets[g[i]!]! + 0.1 * r.normal();
    const data = dataset([
      { name: 'x1', values: x1 },
      { name: 'x2', values: x2 },
      { name: 'g', values: g, categories: 3 },
    ]);
    const target: Target = { task: 'regression', y };
    const model = ridgeLearner.fit(data, target, { alpha: 1e-4 }, { seed: 1 }) as RidgeModel;
    const json = model.toJSON() as unknown as { design: { features: { scale?: number; mean?: number }[] } };
    const [f1, f2] = json.design.features;
    const w = model.coefficients();
    expect(w[0]! / f1!.scale!).toBeCloseTo(3, 2);
    expect(w[1]! / f2!.scale!).toBeCloseTo(-1.5, 2);
    expect(w[3]! - w[2]!).toBeCloseTo(4, 1);
    expect(w[4]! - w[2]!).toBeCloseTo(-2, 1);
    const out = new Float64Array(1);
    const probe = dataset([
      { name: 'x1', values: Float64Array.from([1]) },
      { name: 'x2', values: Float64Array.from([0]) },
      { name: 'g', values: Float64Array.from([0]), categories: 3 },
    ]);
    model.predict(probe, out);
    expect(out[0]).toBeCloseTo(5, 1);
  });

  it('shrinks toward the mean as alpha grows', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i);
    const data = dataset([{ name: 'x', values: x }]);
    const target: Target = { task: 'regression', y: Float64Array.from(x, (v) => 2 * v) };
    const loose = ridgeLearner.fit(data, target, { alpha: 1e-4 }, { seed: 1 }) as RidgeModel;
    const tight = ridgeLearner.fit(data, target, { alpha: 1e6 }, { seed: 1 }) as RidgeModel;
    expect(Math.abs(tight.coefficients()[0]!)).toBeLessThan(Math.abs(loose.coefficients()[0]!) / 10);
  });

  it('rejects classification targets', () => {
    const data = dataset([{ name: 'x', values: Float64Array.from([0, 1]) }]);
    expect(() =>
      ridgeLearner.fit(data, { task: 'binary', classes: ['a', 'b'], y: Int32Array.from([0, 1]) }, {}, { seed: 1 }),
    ).toThrow(/regression/);
  });
});

describe('ridge solvers', () => {
  it('reaches the same model by L-BFGS as by Cholesky, with sample weights and a missing target', () => {
    const rows = 2000;
    const { x1, x2, g } = linearProblem(rows, 41);
    const r = new Random(42);
    const y = Float64Array.from(x1, (v, i) => 100 + 3 * v - x2[i]! + 2 * g[i]! + r.normal());
    y[5] = Number.NaN;
    const sampleWeight = Float64Array.from(x1, (_, i) => 1 + (i % 3));
    const data = dataset([
      { name: 'x1', values: x1 },
      { name: 'x2', values: x2 },
      { name: 'g', values: g, categories: 3 },
    ]);
    const target: Target = { task: 'regression', y };
    const direct = ridgeLearner.fit(
      data,
      target,
      { alpha: 2, solver: 'cholesky' },
      { seed: 1, sampleWeight },
    ) as RidgeModel;
    const iterative = ridgeLearner.fit(
      data,
      target,
      { alpha: 2, solver: 'lbfgs' },
      { seed: 1, sampleWeight },
    ) as RidgeModel;
    const a = direct.coefficients();
    const b = iterative.coefficients();
    for (let j = 0; j < a.length; j++) expect(b[j]).toBeCloseTo(a[j]!, 5);
    // The iterative solve centres the one-hot columns, so its intercept differs; its predictions may not.
    const pd = new Float64Array(rows);
    const pi = new Float64Array(rows);
    direct.predict(data, pd);
    iterative.predict(data, pi);
    for (let i = 0; i < rows; i += 97) expect(pi[i]).toBeCloseTo(pd[i]!, 5);
    expect(() => ridgeLearner.fit(data, target, { solver: 'qr' }, { seed: 1 })).toThrow(/solver/);
  });
});
