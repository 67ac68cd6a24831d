import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src/lib/automl/random';
import { applyBinning, binnedDataset, fitBinMappers } from '../../../../src/lib/automl/tree/binning';
import { dataset } from './fixtures';

describe('quantile binning', () => {
  it('caps bins at 255, keeps bin 0 for NaN and agrees with the raw thresholds', () => {
    const rng = new Random(3);
    const x = Float64Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? Number.NaN : rng.normal()));
    const binned = binnedDataset(dataset([x]));
    const mapper = binned.mappers[0]!;
    if (mapper.kind !== 'numeric') throw new Error('expected numeric');
    expect(mapper.numBins).toBeLessThanOrEqual(255);
    expect(mapper.numBins).toBeGreaterThan(200);
    const bins = binned.bins[0]!;
    for (let i = 0; i < x.length; i++) {
      const b = bins[i]!;
      if (Number.isNaN(x[i]!)) expect(b).toBe(0);
      else {
        expect(b).toBeGreaterThanOrEqual(1);
        expect(x[i]!).toBeLessThanOrEqual(mapper.upper[b]!);
        if (b > 1) expect(x[i]!).toBeGreaterThan(mapper.upper[b - 1]!);
      }
    }
  });

  it('gives each of few distinct values its own bin and roughly equal counts otherwise', () => {
    const few = Float64Array.from({ length: 100 }, (_, i) => i % 4);
    const many = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const binned = binnedDataset(dataset([few.slice(0, 100), many.slice(0, 100)]));
    expect(binned.mappers[0]!.numBins).toBe(5);
    const wide = binnedDataset(dataset([many]), 11);
    const counts = new Array(11).fill(0);
    for (const b of wide.bins[0]!) counts[b]++;
    expect(counts[0]).toBe(0);
    for (let b = 1; b < 11; b++) expect(counts[b]).toBe(1000);
  });

  it('caches per dataset object and bins other data with the same boundaries', () => {
    const data = dataset([Float64Array.of(1, 2, 3, 4), Float64Array.of(0, 1, 2, 1)], ['numeric', 3]);
    expect(binnedDataset(data)).toBe(binnedDataset(data));
    const other = applyBinning(
      fitBinMappers(data),
      dataset([Float64Array.of(2.5, 9), Float64Array.of(1, 7)], ['numeric', 3]),
    );
    expect(Array.from(other.bins[0]!)).toEqual([2, 4]);
    // An unseen category code shares bin 0 with missing values.
    expect(other.bins[1]![1]).toBe(0);
  });
});
