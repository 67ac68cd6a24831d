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
