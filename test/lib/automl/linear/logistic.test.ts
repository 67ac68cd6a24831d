import { describe, expect, it } from 'vitest';
import type { LogisticModel } from '../../../../src/lib/automl/linear';
import { logisticRegressionLearner } from '../../../../src/lib/automl/linear';
import { Random } from '../../../../src/lib/automl/random';
import type { Target } from '../../../../src/lib/automl/types';
import { dataset, linearProblem } from './synthetic';

interface Stored {
  design: {
    features: ({ kind: 'numeric'; mean: number; scale: number } | { kind: 'categorical' })[];
  };
}

describe('logistic regression', () => {
  it('recovers the coefficients that generated the labels', () => {
    const rows = 20000;
    const { x1, x2, g } = linearProblem(rows, 11);
    const truth = [0, 0.7, -0.9];
    const r = new Random(12);
    const y = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const z = 0.5 + 1.5 * x1[i]! - 0.8 * x2[i]! + truth[g[i]!]!;
      y[i] = r.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const data = dataset([
      { name: 'x1', values: x1 },
      { name: 'x2', values: x2 },
      { name: 'g', values: g, categories: 3 },
    ]);
    const target: Target = { task: 'binary', classes: ['0', '1'], y };
    const model = logisticRegressionLearner.fit(data, target, { C: 1e6 }, { seed: 1 }) as LogisticModel;
    expect(model.converged).toBe(true);
    const [w] = model.coefficients();
    const stored = model.toJSON() as unknown as Stored;
    const scale = (j: number) => (stored.design.features[j] as { scale: number }).scale;
    // Maximum likelihood on 20,000 rows: standard errors are about 0.03 (slopes) and 0.05 (level effects).
    expect(Math.abs(w![0]! / scale(0) - 1.5)).toBeLessThan(0.1);
    expect(Math.abs(w![1]! / scale(1) + 0.8)).toBeLessThan(0.1);
    // One-hot levels are identified up to a shared shift: compare their effects to level 0's.
    const effect = (k: number) => w![2 + k]!;
    expect(Math.abs(effect(1) - effect(0) - 0.7)).toBeLessThan(0.15);
    expect(Math.abs(effect(2) - effect(0) + 0.9)).toBeLessThan(0.15);
    const importance = model.importance();
    // The categorical's importance is the spread of its level effects: 0.7 − (−0.9).
    expect(importance[2]).toBeCloseTo(effect(1) - effect(2), 12);
    expect(Math.abs(importance[2]! - 1.6)).toBeLessThan(0.2);
  });

  it('shrinks coefficients as C falls', () => {
    const { x1, x2, g } = linearProblem(2000, 3);
    const y = Int32Array.from(x1, (v) => (v > 0 ? 1 : 0));
    const data = dataset([
      { name: 'x1', values: x1 },
      { name: 'x2', values: x2 },
      { name: 'g', values: g, categories: 3 },
    ]);
    const target: Target = { task: 'binary', classes: ['0', '1'], y };
    const strong = logisticRegressionLearner.fit(data, target, { C: 0.01 }, { seed: 1 }) as LogisticModel;
    const weak = logisticRegressionLearner.fit(data, target, { C: 100 }, { seed: 1 }) as LogisticModel;
    expect(Math.abs(strong.coefficients()[0]![0]!)).toBeLessThan(Math.abs(weak.coefficients()[0]![0]!));
  });

  it('fits a multinomial model whose probabilities follow the classes', () => {
    const rows = 3000;
    const { x1, x2 } = linearProblem(rows, 5);
    const y = Int32Array.from(x1, (v) => (v < -0.5 ? 0 : v < 0.5 ? 1 : 2));
    const data = dataset([
      { name: 'x1', values: x1 },
      { name: 'x2', values: x2 },
    ]);
    const target: Target = { task: 'multiclass', classes: ['lo', 'mid', 'hi'], y };
    const model = logisticRegressionLearner.fit(data, target, { C: 1000 }, { seed: 1 });
    const out = new Float64Array(rows * 3);
    model.predict(data, out);
    let correct = 0;
    for (let i = 0; i < rows; i++) {
      const row = [out[3 * i]!, out[3 * i + 1]!, out[3 * i + 2]!];
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 12);
      if (row.indexOf(Math.max(...row)) === y[i]) correct++;
    }
    expect(correct / rows).toBeGreaterThan(0.95);
  });

  it('honours sample weights like repeated rows', () => {
    const x = Float64Array.from([0, 1, 2, 3, 1, 2]);
    const y = Int32Array.from([0, 0, 1, 1, 1, 0]);
    const data = dataset([{ name: 'x', values: x }]);
    const target: Target = { task: 'binary', classes: ['0', '1'], y };
    const weighted = logisticRegressionLearner.fit(
      data,
      target,
      { C: 1 },
      {
        seed: 1,
        sampleWeight: Float64Array.from([1, 1, 1, 1, 2, 1]),
      },
    ) as LogisticModel;
    const repeated = logisticRegressionLearner.fit(
      dataset([{ name: 'x', values: Float64Array.from([...x, 1]) }]),
      { task: 'binary', classes: ['0', '1'], y: Int32Array.from([...y, 1]) },
      { C: 1 },
      { seed: 1 },
    ) as LogisticModel;
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    const probe = dataset([{ name: 'x', values: Float64Array.from([1.5]) }]);
    weighted.predict(probe, a);
    repeated.predict(probe, b);
    expect(a[1]).toBeCloseTo(b[1]!, 5);
  });

  it('rejects regression targets and bad hyperparameters', () => {
    const data = dataset([{ name: 'x', values: Float64Array.from([0, 1]) }]);
    expect(() =>
      logisticRegressionLearner.fit(data, { task: 'regression', y: Float64Array.from([0, 1]) }, {}, { seed: 1 }),
    ).toThrow(/classification/);
    expect(() =>
      logisticRegressionLearner.fit(
        data,
        { task: 'binary', classes: ['a', 'b'], y: Int32Array.from([0, 1]) },
        { C: -1 },
        { seed: 1 },
      ),
    ).toThrow(/positive/);
  });
});

describe('elastic-net logistic regression', () => {
  it('zeroes the weights of noise features under an L1 penalty', () => {
    const rows = 3000;
    const { x1, x2, g } = linearProblem(rows, 31);
    const r = new Random(32);
    const y = Int32Array.from(x1, (v) => (r.next() < 1 / (1 + Math.exp(-2 * v)) ? 1 : 0));
    const data = dataset([
      { name: 'x1', values: x1 },
      { name: 'x2', values: x2 },
      { name: 'g', values: g, categories: 3 },
    ]);
    const target: Target = { task: 'binary', classes: ['0', '1'], y };
    const lasso = logisticRegressionLearner.fit(data, target, { C: 0.002, l1Ratio: 1 }, { seed: 1 }) as LogisticModel;
    const ridge = logisticRegressionLearner.fit(data, target, { C: 0.002, l1Ratio: 0 }, { seed: 1 }) as LogisticModel;
    const [wl] = lasso.coefficients();
    const [wr] = ridge.coefficients();
    expect(wl![0]).toBeGreaterThan(0.5);
    // x2 and the levels of g carry no signal: L1 removes them exactly, L2 only shrinks them.
    expect(Array.from(wl!.subarray(1))).toEqual([0, 0, 0, 0]);
    expect(wr!.subarray(1).some((w) => w !== 0)).toBe(true);
    expect(() => logisticRegressionLearner.fit(data, target, { l1Ratio: 2 }, { seed: 1 })).toThrow(/\[0, 1\]/);
  });
});
