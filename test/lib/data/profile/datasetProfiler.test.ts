import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../../src/lib/data/csv/csvReader';
import type { Dialect } from '../../../../src/lib/data/csv/dialect';
import type { ColumnProfile } from '../../../../src/lib/data/profile/columnProfiler';
import { type DatasetProfile, DatasetProfiler } from '../../../../src/lib/data/profile/datasetProfiler';
import { BANK_TRAIN } from '../bankData';

interface RowSet {
  readonly dialect: Dialect;
  readonly rows: readonly string[][];
}

function rowSet(columns: Record<string, (i: number) => string>, n: number): RowSet {
  const names = Object.keys(columns);
  const make = Object.values(columns);
  const dialect = { header: true, width: names.length, columns: names, bom: false, delimiter: ',', quote: '"' };
  return {
    dialect: { ...dialect, lineEnding: '\n' },
    rows: Array.from({ length: n }, (_, i) => make.map((f) => f(i))),
  };
}

const DAY = 86_400_000;
const isoDate = (day: number) => new Date(Date.UTC(2024, 0, 31) + day * DAY).toISOString().slice(0, 10);
const dayFirstDate = (day: number) => {
  const [y, m, d] = isoDate(day).split('-');
  return `${d}/${m}/${y}`;
};
const MISSING = ['', 'NA', 'null', ' ', '?', 'N/A'];

/** Every kind of column, none with more than 10,000 distinct values. */
const SMALL = {
  id: (i: number) => String(i + 1),
  int: (i: number) => String(((i * 37) % 101) - 50),
  float: (i: number) => String(((i * 13) % 997) / 8),
  date: (i: number) => isoDate((i * 7) % 600),
  dayFirst: (i: number) => dayFirstDate(i % 400),
  bool: (i: number) => (i % 3 ? 'true' : ' false'),
  mixed: (i: number) => (i % 5 === 0 ? String(i % 40) : `word${i % 7}`),
  gappy: (i: number) => (i % 4 === 0 ? String(i % 9) : MISSING[i % MISSING.length]!),
  empty: (i: number) => MISSING[i % 2]!,
  text: (i: number) => `a long description of item number ${i % 3_000}, longer than fifty characters`,
  target: (i: number) => (i % 9 === 0 ? 'yes' : 'no'),
};

/** Rows coming back many times (duplicate rows), no row counter. */
const REPEATED = {
  a: (i: number) => String((i % 3_000) % 17),
  b: (i: number) => `x${(i % 3_000) % 250}`,
  c: (i: number) => String((i % 3_000) / 4),
};

/** Columns with more than 10,000 distinct values, whose cached values also come early in any part of the file. */
const LARGE = {
  id: (i: number) => String(i + 1),
  eighths: (i: number) => String(i / 8),
  day: (i: number) => isoDate(i - 15_000),
  code: (i: number) => (i % 3 === 0 ? `level${i % 20}` : `u${(i * 7919) % 1_000_003}`),
  gappy: (i: number) => (i % 2 === 0 ? String(i) : MISSING[i % MISSING.length]!),
  // Missing tokens and words first seen after the cache is full: a mix, its examples from the values not cached.
  late: (i: number) => (i < 20_000 ? String(i) : i % 3 === 0 ? 'NA' : i % 3 === 1 ? `w${i % 5}` : ''),
  small: (i: number) => String(i % 10),
  flag: (i: number) => (i % 2 ? 'yes' : 'no'),
};

function serial({ dialect, rows }: RowSet): DatasetProfiler {
  const profiler = new DatasetProfiler();
  profiler.start(dialect);
  for (const row of rows) profiler.row([...row]);
  return profiler;
}

/** Profiles the parts cut at `cuts` apart, and merges their states, sent as to a worker and back, in order. */
function merged({ dialect, rows }: RowSet, cuts: readonly number[]): DatasetProfiler {
  const ends = [0, ...cuts, rows.length];
  const states = ends.slice(1).map((end, p) => serial({ dialect, rows: rows.slice(ends[p], end) }).state());
  const profiler = new DatasetProfiler();
  profiler.start(dialect);
  for (const state of structuredClone(states)) profiler.absorb(state);
  return profiler;
}

/** Cut points: none, empty first, middle and last parts, one row apart, even and uneven many-way splits. */
function splits(n: number): number[][] {
  const half = Math.floor(n / 2);
  const uneven = Array.from({ length: 24 }, (_, p) => Math.floor((n * ((p + 1) * (p + 1))) / 625));
  return [
    [],
    [0],
    [n],
    [half],
    [1, half, half, n - 1],
    Array.from({ length: 6 }, (_, p) => Math.floor((n * (p + 1)) / 7)),
    uneven,
  ];
}

/** What merging must keep exactly when a column overflows; the rest is compared in `expectClose`. */
function exactPart({ numeric, ...column }: ColumnProfile) {
  const { mean, std, quantiles, ...counts } = numeric ?? { mean: 0, std: 0, quantiles: [] };
  return { ...column, numeric: counts };
}

function expectClose(actual: DatasetProfile, expected: DatasetProfile): void {
  const { columns, ...rest } = actual;
  const { columns: expectedColumns, ...expectedRest } = expected;
  expect(rest).toStrictEqual(expectedRest);
  expect(columns.map(exactPart)).toStrictEqual(expectedColumns.map(exactPart));
  columns.forEach(({ numeric }, j) => {
    const want = expectedColumns[j]!.numeric;
    if (numeric === undefined || want === undefined) return;
    expect(Math.abs(numeric.mean - want.mean)).toBeLessThanOrEqual(1e-9 * Math.abs(want.mean));
    expect(Math.abs(numeric.std / want.std - 1)).toBeLessThan(1e-9);
    const range = want.max - want.min;
    const off = numeric.quantiles.map((q, p) => Math.abs(q - want.quantiles[p]!));
    expect(Math.max(...off)).toBeLessThan(0.03 * range);
  });
}

describe('DatasetProfiler merging', () => {
  let bank: RowSet;
  beforeAll(async () => {
    const rows: string[][] = [];
    let dialect: Dialect | undefined;
    await readCsv(BANK_TRAIN, { start: (d) => (dialect = d), row: (r) => rows.push(r) });
    bank = { dialect: dialect!, rows };
  });

  const exactCases: [string, () => RowSet][] = [
    ['the bank data', () => bank],
    ['the first 15,000 rows of the bank data', () => ({ ...bank, rows: bank.rows.slice(0, 15_000) })],
    ['every kind of column', () => rowSet(SMALL, 9_000)],
    ['rows coming back', () => rowSet(REPEATED, 12_000)],
    ['a header only', () => rowSet(SMALL, 0)],
  ];

  it.each(exactCases)('gives the serial profile of %s exactly, however split', (_, rowsOf) => {
    const rows = rowsOf();
    const expected = serial(rows);
    const profile = expected.finish();
    expect(profile.columns.some((c) => c.approximate)).toBe(false);
    for (const cuts of splits(rows.rows.length)) {
      const profiler = merged(rows, cuts);
      expect(profiler.finish()).toStrictEqual(profile);
      if (rows.rows.length <= 20_000) expect(profiler.sample.rows()).toStrictEqual(expected.sample.rows());
    }
  });

  it('gives the serial profile of columns beyond 10,000 distinct values, estimates close, however split', () => {
    const rows = rowSet(LARGE, 30_000);
    const expected = serial(rows).finish();
    expect(expected.columns.filter((c) => c.approximate).map((c) => c.name)).toEqual([
      'id',
      'eighths',
      'day',
      'code',
      'gappy',
      'late',
    ]);
    expect(expected.columns[0]!.numeric?.sequence).toBe(true);
    const lines = new Set(rows.rows.map((r) => r.join(',')));
    for (const cuts of splits(rows.rows.length)) {
      const profiler = merged(rows, cuts);
      expectClose(profiler.finish(), expected);
      const sample = profiler.sample.rows();
      expect(sample).toHaveLength(20_000);
      expect(sample.every((r) => lines.has(r.join(',')))).toBe(true);
    }
  });

  it('refuses a state with other columns', () => {
    const other = rowSet({ a: String }, 3);
    const profiler = new DatasetProfiler();
    profiler.start(rowSet(SMALL, 0).dialect);
    expect(() => profiler.absorb(serial(other).state())).toThrow('1 columns into one of 11');
  });
});
