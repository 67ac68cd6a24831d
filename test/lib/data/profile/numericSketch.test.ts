import { describe, expect, it } from 'vitest';
import { NumericSketch } from '../../../../src/lib/data/profile/numericSketch';

function sketchOf(values: Iterable<number>): NumericSketch {
  const s = new NumericSketch();
  for (const x of values) s.add(x);
  return s;
}

/** A sketch of `values` merged from sketches of consecutive parts cut at `cuts`, through structuredClone. */
function merged(values: readonly number[], cuts: readonly number[]): NumericSketch {
  const s = new NumericSketch();
  const ends = [0, ...cuts, values.length];
  for (let p = 0; p + 1 < ends.length; p++) {
    s.absorb(structuredClone(sketchOf(values.slice(ends[p], ends[p + 1])).state()));
  }
  return s;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('NumericSketch merging', () => {
  it('joins moments by Chan et al.: count, min and max exact, mean and m2 as if seen in one stream', () => {
    const values = range(0, 50_000).map((i) => Math.sin(i) * 1000 + (i % 17) * 1e6);
    const serial = sketchOf(values);
    for (const cuts of [[25_000], [0, 1, 2, 40_000], range(1, 20).map((p) => p * 2_500)]) {
      const s = merged(values, cuts);
      expect([s.count, s.min, s.max, s.first, s.state().last]).toEqual([
        serial.count,
        serial.min,
        serial.max,
        serial.first,
        serial.state().last,
      ]);
      expect(s.mean).toBeCloseTo(serial.mean, 6);
      expect(Math.abs(s.m2 / serial.m2 - 1)).toBeLessThan(1e-12);
    }
  });

  it('is unchanged by an empty part and copies a part into an empty sketch exactly', () => {
    const values = [3.5, -1, 1e9, 0.1];
    const part = sketchOf(values);
    const s = new NumericSketch();
    s.absorb(new NumericSketch().state());
    expect(s.state()).toEqual(new NumericSketch().state());
    s.absorb(part.state());
    s.absorb(new NumericSketch().state());
    expect(s.state()).toEqual(part.state());
  });

  it('keeps a sequence only when the later part goes on from where the earlier one stopped', () => {
    const counter = range(1, 30_001);
    expect(merged(counter, [10_000, 10_001, 10_001, 29_999]).sequence).toBe(true);
    expect(merged([1, 2, 3, 5, 6, 7], [3]).sequence).toBe(false);
    expect(merged([1, 2, 3, 3, 4, 5], [3]).sequence).toBe(false);
    expect(merged([1, 2, 4, 5, 6, 7], [4]).sequence).toBe(false);
    expect(merged([1, 2, 3, 4, 6, 7], [4]).sequence).toBe(false);
    expect(merged([7], [0]).sequence).toBe(true);
  });

  it('keeps every value in order while they fit in the reservoir, a uniform sample beyond', () => {
    const values = range(0, 8_000).map((i) => i * 1.5);
    expect([...merged(values, [100, 4_000, 7_999]).sample()]).toEqual(values);
    const s = merged(range(0, 100_000), [30_000, 60_000]);
    const sample = [...s.sample()];
    expect(sample).toHaveLength(8192);
    expect(new Set(sample).size).toBe(8192);
    const thirds = [0, 1, 2].map((t) => sample.filter((x) => Math.floor(x / 33_334) === t).length);
    for (const n of thirds) expect(Math.abs(n / 8192 - 1 / 3)).toBeLessThan(0.03);
  });
});
