import { describe, expect, it } from 'vitest';
import {
  BernoulliFilter,
  mergeSamples,
  ReservoirSampler,
  type Sample,
} from '../../../../src/lib/data/profile/reservoir';

/** A reservoir sample of `size` of the items from..to-1, by the sampler seeded with `seed`. */
function sampled(from: number, to: number, size: number, seed: number): Sample<number> {
  const sampler = new ReservoirSampler(size, seed);
  const items: number[] = [];
  for (let x = from; x < to; x++) {
    const j = sampler.slot();
    if (j >= 0) items[j] = x;
  }
  return { items, seen: to - from };
}

/** Pearson's statistic of counts against equal expected counts. */
function chiSquare(counts: readonly number[]): number {
  const expected = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

describe('mergeSamples', () => {
  it('keeps every item, the earlier stream first, when the union fits', () => {
    const merged = mergeSamples(sampled(0, 30, 50, 1), sampled(30, 50, 50, 2), 50, 7);
    expect(merged).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(mergeSamples({ items: [], seen: 0 }, { items: ['a'], seen: 1 }, 1, 7)).toEqual(['a']);
  });

  it('keeps a full reservoir of distinct items, the same for the same input', () => {
    const a = sampled(0, 300, 100, 1);
    const b = sampled(300, 1000, 100, 2);
    const merged = mergeSamples(a, b, 100, 7);
    expect(merged).toHaveLength(100);
    expect(new Set(merged).size).toBe(100);
    expect(mergeSamples(a, b, 100, 7)).toEqual(merged);
    expect(mergeSamples(a, b, 100, 8)).not.toEqual(merged);
    // A stream that fits merges with a sample of a longer one.
    expect(mergeSamples(sampled(0, 10, 100, 1), b, 100, 7)).toHaveLength(100);
    expect(mergeSamples({ items: [], seen: 0 }, b, 100, 7)).toEqual(b.items);
  });

  it('gives a uniform sample of the union: each decile of 0..999 equally often over many merges', () => {
    const deciles = new Array<number>(10).fill(0);
    const fromEarlier: number[] = [];
    for (let seed = 1; seed <= 1000; seed++) {
      const merged = mergeSamples(sampled(0, 300, 100, seed), sampled(300, 1000, 100, seed + 5000), 100, seed);
      for (const x of merged) deciles[Math.floor(x / 100)]!++;
      fromEarlier.push(merged.filter((x) => x < 300).length);
    }
    // 9 degrees of freedom: 27.9 is the 0.999 quantile.
    expect(chiSquare(deciles)).toBeLessThan(27.9);
    // Hypergeometric: 30 of 100 on average, variance 100 × 0.3 × 0.7 × 900 / 999 ≈ 18.9.
    const mean = fromEarlier.reduce((a, b) => a + b, 0) / fromEarlier.length;
    const variance = fromEarlier.reduce((a, x) => a + (x - mean) ** 2, 0) / (fromEarlier.length - 1);
    expect(Math.abs(mean - 30)).toBeLessThan(0.5);
    expect(variance).toBeGreaterThan(15);
    expect(variance).toBeLessThan(23);
  });

  it('stays uniform along a chain of merges, as parts of a file are merged in order', () => {
    const deciles = new Array<number>(10).fill(0);
    const cuts = [0, 50, 120, 400, 410, 1000];
    for (let seed = 1; seed <= 1000; seed++) {
      let merged: Sample<number> = { items: [], seen: 0 };
      for (let p = 0; p + 1 < cuts.length; p++) {
        const part = sampled(cuts[p]!, cuts[p + 1]!, 100, seed * 7 + p);
        merged = { items: mergeSamples(merged, part, 100, seed), seen: merged.seen + part.seen };
      }
      for (const x of merged.items as number[]) deciles[Math.floor(x / 100)]!++;
    }
    expect(chiSquare(deciles)).toBeLessThan(27.9);
  });
});

describe('mergeSamples with a short side', () => {
  it('takes what a side has when its sample is smaller than its draw, and the rest from the other', () => {
    const earlier = sampled(0, 1_000, 100, 1);
    const later = { items: [1_000, 1_001, 1_002], seen: 1_000 };
    const merged = mergeSamples(earlier, later, 100, 7);
    expect(merged).toHaveLength(100);
    expect(merged.filter((x) => x >= 1_000)).toEqual([1_000, 1_001, 1_002]);
  });
});

describe('BernoulliFilter', () => {
  const passed = (rate: number, seed: number, n: number) => {
    const filter = new BernoulliFilter(rate, seed);
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (filter.pass()) out.push(i);
    return out;
  };

  it('passes everything at rate 1', () => {
    expect(passed(1, 3, 1_000)).toHaveLength(1_000);
  });

  it('passes each item with the rate, evenly along the stream, the same items for the same seed', () => {
    const n = 200_000;
    const out = passed(0.05, 11, n);
    // Binomial(200,000, 0.05): mean 10,000, sd ~97.
    expect(Math.abs(out.length - 10_000)).toBeLessThan(400);
    const deciles = new Array<number>(10).fill(0);
    for (const i of out) deciles[Math.floor((10 * i) / n)]!++;
    expect(chiSquare(deciles)).toBeLessThan(27.9);
    expect(passed(0.05, 11, n)).toEqual(out);
    expect(passed(0.05, 12, n)).not.toEqual(out);
  });
});
