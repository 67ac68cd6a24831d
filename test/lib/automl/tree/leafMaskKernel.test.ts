import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNELS, kernelModule } from '../../../../scripts/buildWasm';
import { gbdtLearner } from '../../../../src/lib/automl/gbdt';
import { Random } from '../../../../src/lib/automl/random';
import { compiledFromJSON } from '../../../../src/lib/automl/tree/compiled';
import { LeafMaskKernel } from '../../../../src/lib/automl/tree/leafMaskKernel';
import { addLeafMaskOutputs, buildLeafMasks } from '../../../../src/lib/automl/tree/leafMasks';
import type { Dataset, FittedModel, Target } from '../../../../src/lib/automl/types';
import { dataset } from './fixtures';

/** A numeric feature with missing values, a uniform one and a categorical one with missing codes. */
function features(rows: number, seed: number): Dataset {
  const rng = new Random(seed);
  return dataset(
    [
      Float64Array.from({ length: rows }, () => (rng.next() < 0.1 ? Number.NaN : rng.normal())),
      Float64Array.from({ length: rows }, () => rng.next()),
      Float64Array.from({ length: rows }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(9))),
    ],
    ['numeric', 'numeric', 9],
  );
}

/** Values training never saw: infinities, unseen, negative and fractional codes, missing everywhere. */
function probe(): Dataset {
  return dataset(
    [
      Float64Array.of(Number.NaN, -Infinity, Infinity, 0, 1e300, -3, 2),
      Float64Array.of(Number.NaN, 0.5, Infinity, 1, -1, -Infinity, 0.75),
      Float64Array.of(Number.NaN, 9, -1, 2.5, 12, 0, Infinity),
    ],
    ['numeric', 'numeric', 9],
  );
}

function signal(data: Dataset, i: number): number {
  const [a, b, c] = data.columns;
  return (a![i]! || 0.5) + 2 * b![i]! + (c![i]! % 3 === 0 ? 1 : -1);
}

function fitted(task: Target['task']): FittedModel {
  const data = features(1200, 1);
  const s = Array.from({ length: data.rows }, (_, i) => signal(data, i));
  const target: Target =
    task === 'regression'
      ? { task, y: Float64Array.from(s) }
      : task === 'binary'
        ? { task, classes: ['a', 'b'], y: Int32Array.from(s, (v) => (v > 1 ? 1 : 0)) }
        : { task, classes: ['a', 'b', 'c'], y: Int32Array.from(s, (v) => (v < 0 ? 0 : v < 2 ? 1 : 2)) };
  return gbdtLearner.fit(data, target, { nEstimators: 60, numLeaves: 31 }, { seed: 2 });
}

describe('leaf mask kernel', () => {
  it('is generated from its WebAssembly text source', async () => {
    for (const wat of KERNELS) {
      const { path, text } = await kernelModule(wat);
      expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run build:wasm`).toBe(text);
    }
  });

  it('adds the same sums as the JavaScript scorer, for any row range, width and starting values', () => {
    for (const task of ['binary', 'regression'] as const) {
      const model = fitted(task);
      const trees = compiledFromJSON((model.toJSON() as { trees: unknown }).trees, 3, model.outputs);
      const data = features(700, 3);
      const masks = buildLeafMasks(trees, data.columns, 0, 200)!;
      const kernel = LeafMaskKernel.of(masks)!;
      expect(kernel).not.toBeNull();
      // Row counts on both sides of the kernel's groups of four and of its 256-row blocks.
      for (const [start, end] of [
        [0, 0],
        [5, 6],
        [1, 4],
        [0, 7],
        [3, 260],
        [0, 700],
      ] as const) {
        const width = model.outputs;
        const base = Float64Array.from({ length: (end - start) * width }, (_, i) => i * 0.25 - 3);
        const expected = base.slice();
        const actual = base.slice();
        addLeafMaskOutputs(masks, trees, data.columns, start, end, expected, width);
        kernel.add(data.columns, start, end, actual, width);
        expect(actual).toEqual(expected);
        if (end > start) expect(actual).not.toEqual(base);
      }
      const edge = probe();
      const expected = new Float64Array(edge.rows * model.outputs);
      const actual = new Float64Array(edge.rows * model.outputs);
      addLeafMaskOutputs(masks, trees, edge.columns, 0, edge.rows, expected, model.outputs);
      kernel.add(edge.columns, 0, edge.rows, actual, model.outputs);
      expect(actual).toEqual(expected);
    }
  });

  it('leaves ensembles that add to several outputs to the JavaScript scorer', () => {
    const model = fitted('multiclass');
    const trees = compiledFromJSON((model.toJSON() as { trees: unknown }).trees, 3, model.outputs);
    const masks = buildLeafMasks(trees, features(100, 4).columns, 0, 100)!;
    expect(masks.singleOutput).toBe(-1);
    expect(LeafMaskKernel.of(masks)).toBeNull();
  });
});
