import { describe, expect, it } from 'vitest';
import { TypeTally } from '../../../../src/lib/data/frame/typeInference';
import { ColumnProfiler } from '../../../../src/lib/data/profile/columnProfiler';

function profile(values: readonly string[]) {
  const column = new ColumnProfiler('x');
  for (const v of values) column.add(v);
  return column.finish();
}

/** A profiler of `values` merged from profilers of consecutive parts cut at `cuts`. */
function merged(values: readonly string[], cuts: readonly number[]): ColumnProfiler {
  const column = new ColumnProfiler('x');
  const ends = [0, ...cuts, values.length];
  for (let p = 0; p + 1 < ends.length; p++) {
    const part = new ColumnProfiler('x');
    for (const v of values.slice(ends[p], ends[p + 1])) part.add(v);
    column.absorb(structuredClone(part.state()));
  }
  return column;
}

function exactQuantile(sorted: readonly number[], p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
}

describe('ColumnProfiler', () => {
  it('counts missing values, levels in first-seen order and top values, padding ignored', () => {
    const p = profile(['b', 'a', '', 'NA', ' b ', 'b', 'c']);
    expect(p).toMatchObject({ type: 'categorical', missing: 2, distinct: 3, approximate: false });
    expect(p.levels).toEqual(['b', 'a', 'c']);
    expect(p.top[0]).toEqual({ value: 'b', count: 2 });
  });

  it('gives exact quantiles and moments of a repetitive numeric column far larger than any sample', () => {
    const values = Array.from({ length: 60_000 }, (_, i) => String((i * 7919) % 97));
    const numbers = values.map(Number).sort((a, b) => a - b);
    const p = profile(values);
    const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
    expect(p.type).toBe('integer');
    expect(p.numeric?.mean).toBeCloseTo(mean, 9);
    for (let q = 0; q <= 100; q++) expect(p.numeric?.quantiles[q]).toBeCloseTo(exactQuantile(numbers, q), 9);
  });

  it('recognises a row counter that outgrows the value cache, and one that skips a value', () => {
    const counter = Array.from({ length: 25_000 }, (_, i) => String(i + 1));
    const p = profile(counter);
    expect(p).toMatchObject({ type: 'integer', approximate: true });
    expect(p.numeric).toMatchObject({ count: 25_000, min: 1, max: 25_000, mean: 12_500.5, sequence: true });
    expect(profile(counter.filter((v) => v !== '15000')).numeric?.sequence).toBe(false);
    expect(profile(counter.filter((v) => v !== '500')).numeric?.sequence).toBe(false);
  });

  it('returns the same hash pair for a value however often it comes back', () => {
    const column = new ColumnProfiler('x');
    const first = column.add('42');
    const pair = [column.hashes[first], column.hashes[first + 1]];
    column.add('7');
    const again = column.add('42');
    expect([column.hashes[again], column.hashes[again + 1]]).toEqual(pair);
    const padded = column.add(' 42');
    expect([column.hashes[padded], column.hashes[padded + 1]]).toEqual(pair);
  });
});

describe('ColumnProfiler merging', () => {
  it('caches the later values in the order one profiler would, with their hash pairs', () => {
    const values = ['b', ' a', 'b', '', 'c', 'NA', ' a', 'd', 'b'];
    const column = merged(values, [3, 3, 6]);
    expect(column.finish()).toStrictEqual(profile(values));
    const serial = new ColumnProfiler('x');
    const at = values.map((v) => serial.add(v));
    expect(column.hashes.subarray(2, Math.max(...at) + 2)).toEqual(serial.hashes.subarray(2, Math.max(...at) + 2));
  });

  it('summarises the later values it has no room for as one profiler would: counts exact, moments close', () => {
    // 6,000 distinct numbers, then 6,000 more each twice, then missing tokens (and words), all past the cache.
    const numbers = [
      ...Array.from({ length: 6_000 }, (_, i) => String(i)),
      ...Array.from({ length: 12_000 }, (_, i) => String(6_000 + (i >> 1))),
      ...Array.from({ length: 300 }, (_, i) => ['NA', ''][i % 2]!),
    ];
    const mixed = [...numbers, 'w1', 'w2', 'w1'];
    for (const cuts of [[6_000], [5_000, 12_000, 12_001]]) {
      const { numeric, ...rest } = merged(numbers, cuts).finish();
      const { numeric: want, ...wanted } = profile(numbers);
      expect(rest).toStrictEqual(wanted);
      expect(rest).toMatchObject({ type: 'integer', missing: 300, approximate: true });
      expect(numeric).toMatchObject({ count: 18_000, min: 0, max: 11_999, sequence: false });
      expect(numeric!.mean).toBeCloseTo(want!.mean, 9);
      expect(numeric!.std).toBeCloseTo(want!.std, 9);
      const words = merged(mixed, cuts).finish();
      expect(words).toStrictEqual(profile(mixed));
      expect(words.reason).toBe("mixed values: 18000 integer (e.g. '10000'), 3 text (e.g. 'w1')");
    }
  });

  it('counts in `top` only what a later profiler cached: a value it did not is summarised, not counted', () => {
    // The later part overflows before 'z' comes back, which the earlier part cached.
    const values = ['z', ...Array.from({ length: 10_500 }, (_, i) => `v${i}`), 'z', 'z'];
    const serial = profile(values);
    const column = merged(values, [1]).finish();
    expect(serial.top[0]).toEqual({ value: 'z', count: 3 });
    expect(column.top[0]).toEqual({ value: 'z', count: 1 });
    expect({ ...column, top: [] }).toStrictEqual({ ...serial, top: [] });
  });
});

describe('TypeTally merging', () => {
  it('adds counts and lengths, keeps the earliest example of each kind, and any day-first date', () => {
    const earlier = new TypeTally();
    earlier.add('integer', '1', 3);
    earlier.add('text', 'abc');
    const later = new TypeTally();
    later.add('integer', '2');
    later.add('text', 'defg', 2);
    later.add('datetime', '31/01/2024');
    earlier.absorb(structuredClone(later.state()));
    expect(earlier.state()).toStrictEqual({
      counts: { missing: 0, integer: 4, float: 0, boolean: 0, datetime: 1, text: 3 },
      examples: { integer: '1', text: 'abc', datetime: '31/01/2024' },
      dayFirst: true,
      totalLength: 11,
    });
  });
});
