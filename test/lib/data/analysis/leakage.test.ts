import { describe, expect, it } from 'vitest';
import { LeakageProbe } from '../../../../src/lib/data/analysis/leakage';
import type { ColumnProfile } from '../../../../src/lib/data/profile/columnProfiler';

function categorical(name: string): ColumnProfile {
  return { name, type: 'categorical', missing: 0, distinct: 0, approximate: false, top: [] };
}

function numeric(name: string, values: readonly number[]): ColumnProfile {
  const sorted = [...values].sort((a, b) => a - b);
  const quantiles = Array.from({ length: 101 }, (_, p) => sorted[Math.round((p / 100) * (sorted.length - 1))]!);
  const [min, max] = [sorted[0]!, sorted.at(-1)!];
  const numbers = { count: values.length, min, max, mean: 0, std: 0, quantiles, sequence: false };
  return { name, type: 'float', missing: 0, distinct: 0, approximate: false, top: [], numeric: numbers };
}

describe('LeakageProbe', () => {
  // Columns: a copy of the class spelled differently, an unrelated level, a number that grows with the class.
  const rows = Array.from({ length: 1000 }, (_, i) => {
    const y = i % 3 === 0 ? 'yes' : 'no';
    return [
      y === 'yes' ? ' Y ' : 'N',
      String(i % 4),
      String((y === 'yes' ? 100 : 0) + (i % 50)),
      i % 100 === 7 ? 'NA' : y,
    ];
  });

  it('scores a feature that copies the class as perfect, an unrelated one at the majority share', () => {
    const probe = new LeakageProbe(rows, 3, 'binary');
    // Rows whose target is missing (NA) are left out: 990 rows, 2/3 of them 'no'.
    const copy = probe.score(0, categorical('copy'));
    expect(copy).toEqual({ column: 'copy', score: 1, baseline: expect.closeTo(660 / 990, 2) });
    const unrelated = probe.score(1, categorical('unrelated'));
    expect(unrelated?.score).toBeCloseTo(unrelated?.baseline ?? 0, 1);
    const values = rows.map((r) => Number(r[2]));
    // 20 quantile bins: the one straddling the gap between the classes mixes them.
    expect(probe.score(2, numeric('grows', values))?.score).toBeGreaterThan(0.95);
  });

  it('measures R² between buckets for regression, and leaves out features with too few rows per bucket', () => {
    const target = rows.map((r, i) => [r[2]!, String(i % 7), String(i)]);
    const probe = new LeakageProbe(target, 0, 'regression');
    const values = target.map((r) => Number(r[0]));
    expect(probe.score(0, numeric('itself', values))?.score).toBeGreaterThan(0.95);
    expect(probe.score(1, categorical('unrelated'))?.score).toBeLessThan(0.05);
    // 1000 distinct levels: one row per bucket memorises the target rather than predicting it.
    expect(probe.score(2, categorical('id'))).toBeUndefined();
  });
});
