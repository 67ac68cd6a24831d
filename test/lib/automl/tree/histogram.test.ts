import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src/lib/automl/random';
import { binnedDataset } from '../../../../src/lib/automl/tree/binning';
import { buildHistogram, histogramLength, subtractHistogram } from '../../../../src/lib/automl/tree/histogram';
import { dataset } from './fixtures';

describe('histograms', () => {
  it('parent minus the smaller child equals the larger child built directly', () => {
    const rng = new Random(5);
    const rows = 500;
    const cols = [0, 1, 2].map(() => Float64Array.from({ length: rows }, () => Math.round(rng.normal() * 20) / 4));
    const binned = binnedDataset(
      dataset([...cols, Float64Array.from({ length: rows }, () => rng.int(6))], ['numeric', 'numeric', 'numeric', 6]),
    );
    for (const channels of [1, 3]) {
      const source = {
        channels,
        grad: Float64Array.from({ length: rows * channels }, () => rng.normal()),
        hess: Float64Array.from({ length: rows }, () => rng.next()),
      };
      const features = Int32Array.of(0, 1, 2, 3);
      const index = Int32Array.from({ length: rows }, (_, i) => i);
      const scratch = new Float64Array(rows * (channels + 1));
      const len = histogramLength(binned, channels);
      const parent = new Float64Array(len);
      const small = new Float64Array(len);
      const direct = new Float64Array(len);
      buildHistogram(binned, source, index, 0, rows, features, parent, scratch);
      buildHistogram(binned, source, index, 0, 180, features, small, scratch);
      buildHistogram(binned, source, index, 180, rows, features, direct, scratch);
      subtractHistogram(binned, channels, features, parent, small);
      for (let k = 0; k < len; k++) expect(parent[k]).toBeCloseTo(direct[k]!, 10);
      // Counts are exact.
      const stride = channels + 2;
      for (let k = stride - 1; k < len; k += stride) expect(parent[k]).toBe(direct[k]);
    }
  });
});
