import { describe, expect, it } from 'vitest';
import { DistinctRows, type DistinctRowsState } from '../../../../src/lib/data/profile/duplicates';
import { hashPair } from '../../../../src/lib/data/profile/hash';

/** Row keys: `distinct` different ones, each coming back `copies` times, interleaved. */
function keys(distinct: number, copies: number): [number, number][] {
  const h = new Uint32Array(2);
  const out: [number, number][] = [];
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < distinct; i++) {
      hashPair(`row-${(i * 7919) % distinct}`, h);
      out.push([h[0]!, h[1]!]);
    }
  }
  return out;
}

function counterOf(rows: readonly [number, number][], level = 0): DistinctRows {
  const d = new DistinctRows(level);
  for (const [a, b] of rows) d.add(a, b);
  return d;
}

/** A state with its kept keys in a canonical order, to compare what two counters kept. */
function canonical(state: DistinctRowsState): { level: number; kept: string[] } {
  const kept: string[] = [];
  for (let i = 0; i < state.kept.length; i += 2) kept.push(`${state.kept[i]}:${state.kept[i + 1]}`);
  return { level: state.level, kept: kept.sort() };
}

function merged(rows: readonly [number, number][], cuts: readonly number[]): DistinctRows {
  const d = new DistinctRows();
  const ends = [0, ...cuts, rows.length];
  for (let p = 0; p + 1 < ends.length; p++) {
    d.absorb(structuredClone(counterOf(rows.slice(ends[p], ends[p + 1])).state()));
  }
  return d;
}

describe('DistinctRows merging', () => {
  it('counts exactly what one counter would below 128 K distinct rows, duplicates across parts included', () => {
    const rows = keys(50_000, 3);
    const serial = counterOf(rows);
    for (const cuts of [[75_000], [0, 0, 1, 149_999], [10_000, 60_000, 110_000]]) {
      const d = merged(rows, cuts);
      expect(d.estimate()).toBe(50_000);
      expect(d.approximate).toBe(false);
      expect(canonical(d.state())).toEqual(canonical(serial.state()));
    }
  });

  it('beyond 128 K distinct rows, keeps the same sampling level and keys as one counter, however split', () => {
    const rows = keys(600_000, 1).concat(keys(200_000, 1));
    const serial = counterOf(rows);
    expect(serial.approximate).toBe(true);
    const expected = canonical(serial.state());
    // Parts below and above the threshold, at different levels, merged in order.
    for (const cuts of [[400_000], [100_000, 700_000], [1_000, 500_000, 500_000, 790_000]]) {
      const d = merged(rows, cuts);
      expect(canonical(d.state())).toEqual(expected);
      expect(d.estimate()).toBe(serial.estimate());
    }
  });

  it('gives the same result when each part starts at the level merged so far (a chunk profiler hint)', () => {
    const rows = keys(600_000, 1).concat(keys(200_000, 1));
    const expected = canonical(counterOf(rows).state());
    const d = new DistinctRows();
    for (let start = 0; start < rows.length; start += 50_000) {
      const part = counterOf(rows.slice(start, start + 50_000), d.sampling);
      d.absorb(structuredClone(part.state()));
    }
    expect(d.sampling).toBeGreaterThan(0);
    expect(canonical(d.state())).toEqual(expected);
  });
});
