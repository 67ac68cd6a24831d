import { describe, expect, it } from 'vitest';
import { binnedDataset } from '../../../../src/lib/automl/tree/binning';
import { buildHistogram, histogramLength } from '../../../../src/lib/automl/tree/histogram';
import { emptySplit, type SplitConfig, SplitFinder } from '../../../../src/lib/automl/tree/split';
import type { Dataset } from '../../../../src/lib/automl/types';
import { categoricalTask, dataset } from './fixtures';

const config: SplitConfig = {
  lambdaL2: 0,
  minDataInLeaf: 1,
  minSumHessian: 0,
  minGain: 0,
  catSmooth: 1,
  catL2: 0,
  maxCatThreshold: 32,
  maxCatToOnehot: 4,
  minDataPerGroup: 1,
  randomThresholds: false,
};

/** Best split of a single leaf holding every row, with L2-regression gradients g = −y, h = 1. */
function bestSplit(data: Dataset, y: ArrayLike<number>) {
  const binned = binnedDataset(data);
  const rows = data.rows;
  const source = { channels: 1, grad: Float64Array.from(y, (v) => -v), hess: new Float64Array(rows).fill(1) };
  const features = Int32Array.from(data.features, (_, j) => j);
  const hist = new Float64Array(histogramLength(binned, 1));
  const index = Int32Array.from({ length: rows }, (_, i) => i);
  buildHistogram(binned, source, index, 0, rows, features, hist, new Float64Array(rows * 2));
  const sums = Float64Array.of(
    source.grad.reduce((a, b) => a + b, 0),
    rows,
    rows,
  );
  const split = emptySplit(1);
  new SplitFinder(binned, 1, config).find(hist, features, sums, null, split);
  return { split, binned };
}

describe('split finding', () => {
  it('groups the positive categories on one side of a categorical split', () => {
    const { data, target, positive } = categoricalTask(400);
    const { split, binned } = bestSplit(data, target.y);
    expect(split.feature).toBe(0);
    expect(split.categorical).toBe(true);
    const mapper = binned.mappers[0]!;
    if (mapper.kind !== 'categorical') throw new Error('expected categorical');
    const leftCodes = [...Array(10).keys()].filter((c) => split.leftBins![mapper.codeToBin[c]!] === 1);
    const positiveLeft = leftCodes.filter((c) => positive.has(c));
    // One side holds exactly the positive codes.
    expect(positiveLeft.length === 0 ? 10 - leftCodes.length : leftCodes.length).toBe(3);
    expect(positiveLeft.length === 0 || positiveLeft.length === leftCodes.length).toBe(true);
  });

  it('sends missing values to the side whose targets they resemble', () => {
    // x < 0 → y = 0, x > 0 → y = 1; missing rows have y = 1, so they belong with the right side.
    const x = Float64Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? Number.NaN : i % 3 === 1 ? -1 - i : 1 + i));
    const y = Array.from(x, (v) => (Number.isNaN(v) || v > 0 ? 1 : 0));
    const { split } = bestSplit(dataset([x]), y);
    expect(split.defaultLeft).toBe(false);
    const flipped = Array.from(x, (v) => (Number.isNaN(v) || v < 0 ? 1 : 0));
    expect(bestSplit(dataset([x]), flipped).split.defaultLeft).toBe(true);
  });
});
