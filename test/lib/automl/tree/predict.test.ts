import { describe, expect, it } from 'vitest';
import { randomForestLearner } from '../../../../src/lib/automl/forest';
import { gbdtLearner } from '../../../../src/lib/automl/gbdt';
import { Random } from '../../../../src/lib/automl/random';
import { type CompiledTrees, compiledFromJSON } from '../../../../src/lib/automl/tree/compiled';
import { addLeafMaskOutputs, buildLeafMasks } from '../../../../src/lib/automl/tree/leafMasks';
import { addTreeOutputs, walkTrees } from '../../../../src/lib/automl/tree/predict';
import type { Dataset, FittedModel, Target } from '../../../../src/lib/automl/types';
import { dataset } from './fixtures';

/** Two numeric features (one with gaps), two categorical ones (with missing codes): y depends on all. */
function mixed(rows: number, seed: number, classes: number): { data: Dataset; target: Target } {
  const rng = new Random(seed);
  const a = Float64Array.from({ length: rows }, () => (rng.next() < 0.1 ? Number.NaN : rng.normal()));
  const b = Float64Array.from({ length: rows }, () => rng.next());
  const c = Float64Array.from({ length: rows }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(7)));
  const d = Float64Array.from({ length: rows }, () => rng.int(3));
  const y = Int32Array.from({ length: rows }, (_, i) => {
    const s = (a[i]! || 1) + b[i]! * 2 + (c[i]! % 3 === 0 ? 1 : -1) + d[i]! * 0.5 + rng.normal() * 0.5;
    return classes === 2 ? (s > 1 ? 1 : 0) : s < 0 ? 0 : s < 2 ? 1 : 2;
  });
  const names = Array.from({ length: classes }, (_, k) => `c${k}`);
  return {
    data: dataset([a, b, c, d], ['numeric', 'numeric', 7, 3]),
    target: classes === 2 ? { task: 'binary', classes: names, y } : { task: 'multiclass', classes: names, y },
  };
}

function compiled(model: FittedModel, features: number): CompiledTrees {
  return compiledFromJSON((model.toJSON() as { trees: unknown }).trees, features, model.outputs);
}

/** Rows the training never saw: unseen and fractional codes, infinities, missing everywhere. */
function probe(): Dataset {
  return dataset([
    Float64Array.of(Number.NaN, -Infinity, Infinity, 0, 0.5, -3, 2),
    Float64Array.of(Number.NaN, 0.5, 0.25, 1, -1, 2, 0.75),
    Float64Array.of(Number.NaN, 9, -1, 2.5, 6, 0, 3),
    Float64Array.of(Number.NaN, 2, 1, 0, 5, Number.NaN, 1),
  ]);
}

function both(trees: CompiledTrees, data: Dataset, width: number): [Float64Array, Float64Array] {
  const fast = new Float64Array(data.rows * width);
  const walked = new Float64Array(data.rows * width);
  addTreeOutputs(trees, data.columns, 0, data.rows, fast, width);
  walkTrees(trees, data.columns, 0, data.rows, walked, width);
  return [fast, walked];
}

describe('tree scoring', () => {
  it('scores boosted trees with leaf masks exactly as the node-by-node walk', () => {
    for (const classes of [2, 3]) {
      const train = mixed(1500, 1, classes);
      const model = gbdtLearner.fit(train.data, train.target, { nEstimators: 40, numLeaves: 31 }, { seed: 3 });
      const trees = compiled(model, 4);
      expect(buildLeafMasks(trees, train.data.columns, 0, 100)).not.toBeNull();
      for (const data of [mixed(700, 2, classes).data, probe()]) {
        const [fast, walked] = both(trees, data, model.outputs);
        expect(fast).toEqual(walked);
        expect(fast.some((v) => v !== 0)).toBe(true);
      }
    }
  });

  it('reaches the same leaves whichever rows orient the masks', () => {
    const train = mixed(1500, 1, 2);
    const model = gbdtLearner.fit(train.data, train.target, { nEstimators: 30, numLeaves: 31 }, { seed: 4 });
    const trees = compiled(model, 4);
    const data = mixed(500, 5, 2).data;
    const walked = new Float64Array(data.rows * 2);
    walkTrees(trees, data.columns, 0, data.rows, walked, 2);
    for (const [start, end] of [
      [0, 0],
      [3, 4],
      [0, 500],
    ] as const) {
      const masks = buildLeafMasks(trees, data.columns, start, end)!;
      const out = new Float64Array(data.rows * 2);
      addLeafMaskOutputs(masks, trees, data.columns, 0, data.rows, out, 2);
      expect(out).toEqual(walked);
    }
  });

  it('walks trees with more than 32 leaves, with the same result', () => {
    const train = mixed(1500, 1, 2);
    const model = randomForestLearner.fit(train.data, train.target, { nEstimators: 5 }, { seed: 3 });
    const trees = compiled(model, 4);
    expect(buildLeafMasks(trees, train.data.columns, 0, 100)).toBeNull();
    const [fast, walked] = both(trees, probe(), 2);
    expect(fast).toEqual(walked);
  });

  it('follows numeric thresholds, category bitsets and the missing-value side', () => {
    // Root: x0 ≤ 1 (missing → right). Left: x1 in {1} goes left (3 categories; missing, unseen → right).
    const trees = compiledFromJSON(
      {
        leafWidth: 1,
        treeRoot: [0],
        treeOutput: [0],
        nodeFeature: [0, 1],
        nodeThreshold: [1, 3],
        nodeLeft: [1, -1],
        nodeRight: [-3, -2],
        nodeFlags: [1, 3],
        nodeCat: [-1, 0],
        catStart: [0, 1],
        catBits: [2],
        leafValues: [10, 20, 30],
      },
      2,
      1,
    );
    expect(buildLeafMasks(trees, [new Float64Array(0), new Float64Array(0)], 0, 0)).not.toBeNull();
    const data = dataset([Float64Array.of(0, 0, 0, 1, 1.5, Number.NaN, 0), Float64Array.of(1, 0, 2, 1, 1, 1, 7)]);
    const out = new Float64Array(data.rows);
    addTreeOutputs(trees, data.columns, 0, data.rows, out, 1);
    expect(Array.from(out)).toEqual([10, 20, 20, 10, 30, 30, 20]);
    const missing = dataset([Float64Array.of(0), Float64Array.of(Number.NaN)]);
    const one = new Float64Array(1);
    addTreeOutputs(trees, missing.columns, 0, 1, one, 1);
    expect(one[0]).toBe(20);
  });
});
