import { describe, expect, it } from 'vitest';
import { ColumnProfiler } from '../../../../src/lib/data/profile/columnProfiler';

function profile(values: readonly string[]) {
  const column = new ColumnProfiler('x');
  for (const v of values) column.add(v);
  return column.finish();
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
