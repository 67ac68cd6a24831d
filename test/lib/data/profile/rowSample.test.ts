import { describe, expect, it } from 'vitest';
import { RowSample } from '../../../../src/lib/data/profile/rowSample';

describe('RowSample', () => {
  it('keeps every row while it has room, fields given back exactly (empty ones and delimiters included)', () => {
    const sample = new RowSample(10);
    const rows = [
      ['a', '', 'x,y'],
      ['', '', ''],
      ['line\nbreak', '"q"', ' padded '],
    ];
    for (const row of rows) sample.add(row);
    expect(sample.rows()).toEqual(rows);
  });

  it('keeps `size` rows of a longer stream, the same ones for the same stream', () => {
    const sampled = () => {
      const sample = new RowSample(100);
      for (let i = 0; i < 10_000; i++) sample.add([String(i), i % 2 ? 'odd' : 'even']);
      return sample.rows();
    };
    const rows = sampled();
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r[0])).size).toBe(100);
    expect(rows.every((r) => r[1] === (Number(r[0]) % 2 ? 'odd' : 'even'))).toBe(true);
    // Uniform: the kept rows are not all from the start of the stream.
    expect(rows.filter((r) => Number(r[0]) >= 5_000).length).toBeGreaterThan(25);
    expect(sampled()).toEqual(rows);
  });

  it('merged from samples of consecutive parts, gives every row in order while they fit', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => [String(i), i % 3 ? '' : 'x']);
    const merged = new RowSample(1_000);
    const ends = [0, 0, 400, 401, 1_000];
    for (let p = 0; p + 1 < ends.length; p++) {
      const part = new RowSample(1_000);
      for (const row of rows.slice(ends[p], ends[p + 1])) part.add(row);
      merged.absorb(structuredClone(part.state()));
    }
    expect(merged.rows()).toEqual(rows);
  });

  it('merged beyond its size, keeps `size` distinct rows from every part, the same ones each time', () => {
    const sampled = () => {
      const merged = new RowSample(100);
      for (let from = 0; from < 10_000; from += 2_500) {
        const part = new RowSample(100);
        for (let i = from; i < from + 2_500; i++) part.add([String(i)]);
        merged.absorb(part.state());
      }
      return merged.rows().map((r) => Number(r[0]));
    };
    const kept = sampled();
    expect(kept).toHaveLength(100);
    expect(new Set(kept).size).toBe(100);
    for (let q = 0; q < 4; q++) expect(kept.filter((i) => Math.floor(i / 2_500) === q).length).toBeGreaterThan(10);
    expect(sampled()).toEqual(kept);
  });
});

describe('RowSample offered a share of the rows (a chunk profiler hint)', () => {
  it('still merges into a full, uniform sample of every row', () => {
    const merged = new RowSample(2_000);
    const n = 100_000;
    for (let start = 0; start < n; start += 10_000) {
      // Twice the part's share of the merged sample, as profileCsv asks.
      const part = new RowSample(2_000, Math.min(1, (2 * 2_000) / (start + 10_000)), start);
      for (let i = start; i < start + 10_000; i++) part.add([String(i)]);
      merged.absorb(structuredClone(part.state()));
    }
    const kept = merged.rows().map((r) => Number(r[0]));
    expect(new Set(kept).size).toBe(2_000);
    const deciles = new Array<number>(10).fill(0);
    for (const i of kept) deciles[Math.floor((10 * i) / n)]!++;
    // Each tenth of the rows holds about 200 of the 2,000 (Pearson's statistic, 9 degrees of freedom, p = 0.001).
    const statistic = deciles.reduce((sum, c) => sum + (c - 200) ** 2 / 200, 0);
    expect(statistic).toBeLessThan(27.9);
  });
});
