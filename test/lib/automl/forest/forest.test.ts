import { describe, expect, it } from 'vitest';
import { extraTreesLearner, type ForestModel, randomForestLearner } from '../../../../src/lib/automl/forest';
import { Random } from '../../../../src/lib/automl/random';
import type { Target } from '../../../../src/lib/automl/types';
import { accuracy, categoricalTask, dataset, positive, xor } from '../tree/fixtures';

const params = { nEstimators: 30, minDataInLeaf: 2 };

describe.each([randomForestLearner, extraTreesLearner])('$name', (learner) => {
  it('learns XOR', () => {
    const train = xor(600, 1);
    const test = xor(400, 2);
    const model = learner.fit(train.data, train.target, { ...params, maxFeatures: 1 }, { seed: 1 });
    expect(accuracy(positive(model.predict.bind(model), test.data), test.target)).toBeGreaterThan(0.93);
  });

  it('averages leaf class distributions into probabilities', () => {
    const rng = new Random(4);
    const x = Float64Array.from({ length: 300 }, () => rng.next() * 3);
    const target: Target = { task: 'multiclass', classes: ['a', 'b', 'c'], y: Int32Array.from(x, Math.floor) };
    const model = learner.fit(dataset([x]), target, params, { seed: 1 });
    const out = new Float64Array(900);
    model.predict(dataset([x]), out);
    for (let i = 0; i < 300; i++) expect(out[i * 3]! + out[i * 3 + 1]! + out[i * 3 + 2]!).toBeCloseTo(1, 12);
    expect(out[Array.from(x).findIndex((v) => v > 2.2 && v < 2.8) * 3 + 2]).toBeGreaterThan(0.9);
  });

  it('fits a regression step function', () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => i / 300);
    const target: Target = { task: 'regression', y: Float64Array.from(x, (v) => (v < 0.5 ? 2 : 7)) };
    const model = learner.fit(dataset([x]), target, params, { seed: 1 });
    const out = new Float64Array(2);
    model.predict(dataset([Float64Array.of(0.2, 0.8)]), out);
    expect(out[0]).toBeCloseTo(2, 1);
    expect(out[1]).toBeCloseTo(7, 1);
  });

  it('splits on categories', () => {
    const { data, target } = categoricalTask(500);
    const model = learner.fit(data, target, { ...params, maxFeatures: 1 }, { seed: 1 });
    expect(accuracy(positive(model.predict.bind(model), data), target)).toBe(1);
  });

  it('is deterministic and round-trips through JSON bit for bit', () => {
    const train = xor(300, 3);
    const a = learner.fit(train.data, train.target, params, { seed: 7 });
    const text = JSON.stringify(a.toJSON());
    expect(JSON.stringify(learner.fit(train.data, train.target, params, { seed: 7 }).toJSON())).toBe(text);
    const loaded = learner.load(JSON.parse(text));
    const before = new Float64Array(600);
    const after = new Float64Array(600);
    a.predict(train.data, before);
    loaded.predict(train.data, after);
    expect(Buffer.from(after.buffer)).toEqual(Buffer.from(before.buffer));
  });
});

describe('random forest out-of-bag estimate', () => {
  it('tracks held-out accuracy on an easy and on a pure-noise task', () => {
    const easy = xor(600, 8);
    const model = randomForestLearner.fit(
      easy.data,
      easy.target,
      { ...params, maxFeatures: 1 },
      { seed: 1 },
    ) as ForestModel;
    expect(model.oob?.metric).toBe('accuracy');
    expect(model.oob!.coverage).toBeGreaterThan(0.99);
    expect(model.oob!.score).toBeGreaterThan(0.9);
    const rng = new Random(2);
    const noise = dataset([Float64Array.from({ length: 400 }, () => rng.next())]);
    const coin = {
      task: 'binary',
      classes: ['a', 'b'],
      y: Int32Array.from({ length: 400 }, () => rng.int(2)),
    } as const;
    const guess = randomForestLearner.fit(noise, coin, params, { seed: 1 }) as ForestModel;
    expect(Math.abs(guess.oob!.score - 0.5)).toBeLessThan(0.1);
    const extra = extraTreesLearner.fit(noise, coin, params, { seed: 1 }) as ForestModel;
    expect(extra.oob).toBeNull();
  });

  it('gives weighted rows more say', () => {
    const x = new Float64Array(60).fill(1);
    const target = {
      task: 'binary',
      classes: ['a', 'b'],
      y: Int32Array.from({ length: 60 }, (_, i) => (i < 30 ? 1 : 0)),
    } as const;
    const heavy = Float64Array.from({ length: 60 }, (_, i) => (i < 30 ? 3 : 1));
    const model = randomForestLearner.fit(
      dataset([x]),
      target,
      { ...params, bootstrap: false },
      { seed: 1, sampleWeight: heavy },
    );
    expect(positive(model.predict.bind(model), dataset([x]))[0]).toBeCloseTo(0.75, 10);
  });
});
