import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeCsv } from '../../../../src/lib/data/analysis/analyze';
import { compareProfiles } from '../../../../src/lib/data/analysis/drift';

function csv(header: string, n: number, row: (i: number) => string): Readable {
  return Readable.from([`${header}\n${Array.from({ length: n }, (_, i) => `${row(i)}\n`).join('')}`]);
}

describe('compareProfiles', () => {
  it('reports added, removed and retyped columns, new and vanished categories, and PSI', async () => {
    const before = await analyzeCsv(
      csv(
        'x,color,old,kind,y',
        400,
        (i) => `${i % 100},${['red', 'blue'][i % 2]},${i % 5},${i % 4},${i % 2 ? 'a' : 'b'}`,
      ),
    );
    const same = await analyzeCsv(
      csv(
        'x,color,old,kind,y',
        400,
        (i) => `${(i + 1) % 100},${['red', 'blue'][i % 2]},${i % 5},${i % 4},${i % 2 ? 'a' : 'b'}`,
      ),
    );
    const after = await analyzeCsv(
      csv(
        'x,color,new,kind,y',
        400,
        (i) => `${50 + (i % 100)},${['red', 'green'][i % 2]},${i % 5},k${i % 4},${i % 2 ? 'a' : 'b'}`,
      ),
    );

    const stable = compareProfiles(before.profile, same.profile);
    expect(stable.columns.every((c) => c.shift === 'none')).toBe(true);

    const drift = compareProfiles(before.profile, after.profile);
    expect(drift.added).toEqual(['new']);
    expect(drift.removed).toEqual(['old']);
    expect(drift.typeChanges).toEqual([{ column: 'kind', from: 'integer', to: 'categorical' }]);
    const x = drift.columns.find((c) => c.column === 'x')!;
    expect(x.shift).toBe('significant');
    const color = drift.columns.find((c) => c.column === 'color')!;
    expect(color).toMatchObject({ newCategories: ['green'], vanishedCategories: ['blue'], shift: 'significant' });
    expect(drift.columns.find((c) => c.column === 'y')?.psi).toBe(0);
  });
});
