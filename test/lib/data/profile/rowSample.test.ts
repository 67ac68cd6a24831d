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
});
