import { describe, expect, it } from 'vitest';
import { gbdtLearner } from '../../../../src/lib/automl/gbdt';
import { Random } from '../../../../src/lib/automl/random';
import type { Dataset, Target } from '../../../../src/lib/automl/types';
import { accuracy, binary, categoricalTask, dataset, positive, xor } from '../tree/fixtures';

const small = { nEstimators: 60, learningRate: 0.2, numLeaves: 8, minDataInLeaf: 5 };

describe('gbdtLearner (lgbm)', () => {
  it('learns XOR, which no single split can', () => {
    const train = xor(600, 1);
    const test = xor(400, 2);
    const model = gbdtLearner.fit(train.data, train.target, small, { seed: 1 });
    expect(accuracy(positive(model.predict.bind(model), test.data), test.target)).toBeGreaterThan(0.95);
    const gains = model.importance();
    expect(gains[2]!).toBeLessThan(Math.min(gains[0]!, gains[1]!));
  });

  it('separates linearly separable classes with confident probabilities', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => i);
    const target = binary(Array.from(x, (v) => (v >= 100 ? 1 : 0)));
    const model = gbdtLearner.fit(dataset([x]), target, small, { seed: 1 });
    const p = positive(model.predict.bind(model), dataset([x]));
    expect(accuracy(p, target)).toBe(1);
    expect(p[0]!).toBeLessThan(0.05);
    expect(p[199]!).toBeGreaterThan(0.95);
  });

  it('recovers a step function in regression', () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => i / 300);
    const step = (v: number) => (v < 0.3 ? 1 : v < 0.7 ? 5 : -2);
    const target: Target = { task: 'regression', y: Float64Array.from(x, step) };
    const model = gbdtLearner.fit(dataset([x]), target, { ...small, nEstimators: 100 }, { seed: 1 });
    const probe = Float64Array.of(0.1, 0.5, 0.9);
    const out = new Float64Array(3);
    model.predict(dataset([probe]), out);
    expect(Array.from(out).map((v) => Math.round(v * 10) / 10)).toEqual([1, 5, -2]);
  });

  it('predicts multiclass probabilities that sum to one', () => {
    const rng = new Random(4);
    const x = Float64Array.from({ length: 300 }, () => rng.next() * 3);
    const target: Target = { task: 'multiclass', classes: ['a', 'b', 'c'], y: Int32Array.from(x, Math.floor) };
    const model = gbdtLearner.fit(dataset([x]), target, small, { seed: 1 });
    expect(model.outputs).toBe(3);
    const out = new Float64Array(300 * 3);
    model.predict(dataset([x]), out);
    let correct = 0;
    for (let i = 0; i < 300; i++) {
      const row = out.subarray(i * 3, i * 3 + 3);
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 12);
      if (row.indexOf(Math.max(...row)) === target.y[i]) correct++;
    }
    expect(correct / 300).toBeGreaterThan(0.97);
  });

  it('splits natively on categories', () => {
    const { data, target } = categoricalTask(500);
    const model = gbdtLearner.fit(data, target, { ...small, minDataPerGroup: 5, catSmooth: 1 }, { seed: 1 });
    const probe = dataset(
      [Float64Array.from({ length: 10 }, (_, c) => c), new Float64Array(10).fill(0.5)],
      [10, 'numeric'],
    );
    const p = positive(model.predict.bind(model), probe);
    expect(Array.from(p, (v) => (v > 0.5 ? 1 : 0))).toEqual([0, 0, 1, 0, 0, 1, 0, 1, 0, 0]);
  });

  it('sends missing values in prediction the way training found best', () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? Number.NaN : i % 3 === 1 ? -1 : 1));
    const target = binary(Array.from(x, (v) => (Number.isNaN(v) || v > 0 ? 1 : 0)));
    const model = gbdtLearner.fit(dataset([x]), target, small, { seed: 1 });
    const p = positive(model.predict.bind(model), dataset([Float64Array.of(Number.NaN, -1, 1)]));
    expect(Array.from(p, (v) => (v > 0.5 ? 1 : 0))).toEqual([1, 0, 1]);
  });

  it('stops early when the validation loss stops improving', () => {
    // Pure noise: every tree after the first few only overfits.
    const rng = new Random(9);
    const make = (rows: number) => ({
      data: dataset([Float64Array.from({ length: rows }, () => rng.next())]),
      target: binary(Array.from({ length: rows }, () => rng.int(2))),
    });
    const train = make(300);
    const validation = make(300);
    let iterations = 0;
    const model = gbdtLearner.fit(
      train.data,
      train.target,
      { nEstimators: 500, learningRate: 0.3, earlyStoppingRounds: 10, minDataInLeaf: 2 },
      { seed: 1, validation, onIteration: (i) => (iterations = i) },
    );
    expect(iterations).toBeLessThan(100);
    expect((model as unknown as { iterations: number }).iterations).toBeLessThanOrEqual(iterations - 10);
  });

  it('lets weights change the model', () => {
    // Same feature value, conflicting labels: the weighted majority decides the prediction.
    const x = new Float64Array(100).fill(1);
    const target = binary(Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : 0)));
    const heavy = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 4 : 1));
    const plain = gbdtLearner.fit(dataset([x]), target, small, { seed: 1 });
    const weighted = gbdtLearner.fit(dataset([x]), target, small, { seed: 1, sampleWeight: heavy });
    expect(positive(plain.predict.bind(plain), dataset([x]))[0]).toBeCloseTo(0.5, 6);
    expect(positive(weighted.predict.bind(weighted), dataset([x]))[0]).toBeCloseTo(0.8, 6);
    const balanced = gbdtLearner.fit(
      dataset([x]),
      binary(Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0))),
      {
        ...small,
        classWeight: 'balanced',
      },
      { seed: 1 },
    );
    expect(positive(balanced.predict.bind(balanced), dataset([x]))[0]).toBeCloseTo(0.5, 6);
  });

  it('is deterministic and round-trips through JSON bit for bit', () => {
    const train = xor(400, 3);
    const params = { ...small, subsample: 0.7, colsampleByTree: 0.7 };
    const a = gbdtLearner.fit(train.data, train.target, params, { seed: 42 });
    const b = gbdtLearner.fit(train.data, train.target, params, { seed: 42 });
    const text = JSON.stringify(a.toJSON());
    expect(JSON.stringify(b.toJSON())).toBe(text);
    const c = gbdtLearner.fit(train.data, train.target, params, { seed: 43 });
    expect(JSON.stringify(c.toJSON())).not.toBe(text);
    const loaded = gbdtLearner.load(JSON.parse(text));
    const before = new Float64Array(800);
    const after = new Float64Array(800);
    a.predict(train.data, before);
    loaded.predict(train.data, after);
    expect(Buffer.from(after.buffer)).toEqual(Buffer.from(before.buffer));
    expect(JSON.stringify(loaded.toJSON())).toBe(text);
  });

  it('scores one row the same as within a batch', () => {
    const train = xor(300, 5);
    const model = gbdtLearner.fit(train.data, train.target, small, { seed: 1 });
    const batch = new Float64Array(600);
    model.predict(train.data, batch);
    const one = new Float64Array(2);
    const row: Dataset = {
      rows: 1,
      features: train.data.features,
      columns: train.data.columns.map((c) => c.slice(7, 8)),
    };
    model.predict(row, one);
    expect(Array.from(one)).toEqual([batch[14], batch[15]]);
  });

  it('rejects corrupt models and bad parameters as user errors', () => {
    const train = xor(100, 6);
    const json = gbdtLearner.fit(train.data, train.target, small, { seed: 1 }).toJSON() as {
      trees: { nodeLeft: number[] };
    };
    json.trees.nodeLeft[0] = 10_000;
    expect(() => gbdtLearner.load(json)).toThrow(/corrupt/);
    expect(() => gbdtLearner.fit(train.data, train.target, { numLeaves: -3 }, { seed: 1 })).toThrow(/numLeaves/);
  });
});
