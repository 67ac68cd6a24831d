import { describe, expect, it } from 'vitest';
import { HyperLogLog } from '../../../../src/lib/data/profile/distinct';
import { DistinctRows } from '../../../../src/lib/data/profile/duplicates';
import { hashPair } from '../../../../src/lib/data/profile/hash';
import { NumericSketch } from '../../../../src/lib/data/profile/numericSketch';
import { summarizeNumbers } from '../../../../src/lib/data/profile/numericSummary';
import { ReservoirSampler } from '../../../../src/lib/data/profile/reservoir';

describe('HyperLogLog', () => {
  it('estimates 200,000 distinct values within 5 %', () => {
    const hll = new HyperLogLog();
    const h = new Uint32Array(2);
    for (let i = 0; i < 200_000; i++) {
      hashPair(`value-${i}`, h);
      hll.add(h[0]!);
      hll.add(h[0]!); // repeats do not count
    }
    expect(Math.abs(hll.estimate() / 200_000 - 1)).toBeLessThan(0.05);
  });
});

describe('summarizeNumbers', () => {
  const none = { values: [], counts: [] };

  it('gives exact moments and close quantiles from the sketch alone, beyond its reservoir', () => {
    const s = new NumericSketch();
    for (let i = 1; i <= 100_000; i++) s.add(i);
    const summary = summarizeNumbers(none, s)!;
    expect(summary).toMatchObject({ count: 100_000, min: 1, max: 100_000, mean: 50_000.5, sequence: true });
    expect(summary.std).toBeCloseTo(Math.sqrt((100_000 * 100_001) / 12), 0);
    expect(Math.abs(summary.quantiles[50]! - 50_000)).toBeLessThan(2_000);
    expect(Math.abs(summary.quantiles[90]! - 90_000)).toBeLessThan(2_000);
  });

  it('gives exact quantiles and moments from counted values, as if every occurrence were listed', () => {
    const listed = [3, 3, 3, 1, 2, 2, 10];
    const summary = summarizeNumbers({ values: [3, 1, 2, 10], counts: [3, 1, 2, 1] }, new NumericSketch())!;
    const sorted = [...listed].sort((a, b) => a - b);
    const mean = listed.reduce((a, b) => a + b, 0) / listed.length;
    const variance = listed.reduce((a, x) => a + (x - mean) ** 2, 0) / (listed.length - 1);
    expect(summary).toMatchObject({ count: 7, min: 1, max: 10, sequence: false });
    expect(summary.mean).toBeCloseTo(mean, 12);
    expect(summary.std).toBeCloseTo(Math.sqrt(variance), 12);
    for (const p of [0, 10, 25, 50, 60, 75, 99, 100]) {
      const pos = (p / 100) * (sorted.length - 1);
      const lo = Math.floor(pos);
      const expected = sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
      expect(summary.quantiles[p]).toBeCloseTo(expected, 12);
    }
  });

  it('joins counted values with the sketch of the rest: moments exact, a counter still a sequence', () => {
    const s = new NumericSketch();
    for (let i = 101; i <= 20_000; i++) s.add(i);
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const summary = summarizeNumbers({ values, counts: values.map(() => 1) }, s)!;
    expect(summary).toMatchObject({ count: 20_000, min: 1, max: 20_000, mean: 10_000.5, sequence: true });
    expect(summary.std).toBeCloseTo(Math.sqrt((20_000 * 20_001) / 12), 6);
    expect(Math.abs(summary.quantiles[50]! - 10_000)).toBeLessThan(400);
    const gap = summarizeNumbers({ values: [1, 2], counts: [1, 1] }, s)!;
    expect(gap.sequence).toBe(false);
  });

  it('is empty without values', () => {
    expect(summarizeNumbers(none, new NumericSketch())).toBeUndefined();
  });
});

describe('DistinctRows', () => {
  it('counts distinct 64-bit keys exactly, repeats ignored', () => {
    const d = new DistinctRows();
    for (let k = 0; k < 3; k++) for (let i = 0; i < 100_000; i++) d.add(i * 2654435761, i ^ 0x5bd1e995);
    expect(d.estimate()).toBe(100_000);
    expect(d.approximate).toBe(false);
  });
  it('estimates beyond 128 K distinct keys by sampling, within 1 %', () => {
    const d = new DistinctRows();
    const h = new Uint32Array(2);
    for (let k = 0; k < 2; k++) {
      for (let i = 0; i < 400_000; i++) {
        hashPair(`row-${i}`, h);
        d.add(h[0]!, h[1]!);
      }
    }
    expect(d.approximate).toBe(true);
    expect(Math.abs(d.estimate() / 400_000 - 1)).toBeLessThan(0.01);
  });
});

describe('ReservoirSampler', () => {
  it('keeps a uniform sample: every item first, then about size × ln(n / size) replacements spread evenly', () => {
    const sampler = new ReservoirSampler(1000, 42);
    const kept = new Float64Array(1000);
    let replacements = 0;
    for (let i = 0; i < 100_000; i++) {
      const j = sampler.slot();
      if (i < 1000) expect(j).toBe(i);
      else if (j >= 0) replacements++;
      if (j >= 0) kept[j] = i;
    }
    expect(replacements / (1000 * Math.log(100))).toBeGreaterThan(0.8);
    expect(replacements / (1000 * Math.log(100))).toBeLessThan(1.2);
    const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
    expect(Math.abs(mean - 50_000)).toBeLessThan(3_000);
  });
});
