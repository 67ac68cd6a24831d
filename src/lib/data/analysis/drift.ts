import type { ColumnType } from '../frame/frame';
import type { ColumnProfile } from '../profile/columnProfiler';
import type { DatasetProfile } from '../profile/datasetProfiler';

export interface ColumnDrift {
  readonly column: string;
  /** Population stability index of the column's distribution (missing values as one more bucket). */
  readonly psi: number;
  /** Conventional reading of the PSI: < 0.1 none, < 0.25 moderate, else significant. */
  readonly shift: 'none' | 'moderate' | 'significant';
  readonly newCategories?: readonly string[];
  readonly vanishedCategories?: readonly string[];
}

export interface DriftReport {
  readonly added: string[];
  readonly removed: string[];
  readonly typeChanges: { column: string; from: ColumnType; to: ColumnType }[];
  /** Columns present in both with the same type. */
  readonly columns: ColumnDrift[];
}

// Empty buckets would make the PSI infinite: shares are floored at this.
const EPSILON = 1e-4;

function psi(expected: readonly number[], actual: readonly number[]): number {
  let sum = 0;
  expected.forEach((e, i) => {
    const p = Math.max(e, EPSILON);
    const q = Math.max(actual[i] ?? 0, EPSILON);
    sum += (q - p) * Math.log(q / p);
  });
  return sum;
}

/** Share of values ≤ x, read off a profile's percentiles by linear interpolation. */
function cdf(q: readonly number[], x: number): number {
  if (x < q[0]!) return 0;
  if (x >= q[q.length - 1]!) return 1;
  let i = 0;
  while (i + 1 < q.length && q[i + 1]! <= x) i++;
  const lo = q[i]!;
  const hi = q[i + 1]!;
  return (i + (hi > lo ? (x - lo) / (hi - lo) : 0)) / (q.length - 1);
}

/** Bucket shares of a column: deciles of the previous version for numbers, categories otherwise. */
function shares(
  c: ColumnProfile,
  rows: number,
  edges: readonly number[] | undefined,
  categories: readonly string[],
): number[] {
  const missing = rows === 0 ? 0 : c.missing / rows;
  const present = 1 - missing;
  if (edges !== undefined && c.numeric !== undefined) {
    const q = c.numeric.quantiles;
    const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY];
    const out = bounds.slice(1).map((hi, i) => {
      const lo = bounds[i]!;
      return (
        present *
        ((hi === Number.POSITIVE_INFINITY ? 1 : cdf(q, hi)) - (lo === Number.NEGATIVE_INFINITY ? 0 : cdf(q, lo)))
      );
    });
    return [...out, missing];
  }
  const counts = new Map(c.top.map((t) => [t.value, t.count]));
  const known = categories.map((v) => (rows === 0 ? 0 : (counts.get(v) ?? 0) / rows));
  const other = Math.max(0, present - known.reduce((a, b) => a + b, 0));
  return [...known, other, missing];
}

function levelsOf(c: ColumnProfile): readonly string[] {
  return c.levels ?? c.top.map((t) => t.value);
}

function columnDrift(before: ColumnProfile, beforeRows: number, after: ColumnProfile, afterRows: number): ColumnDrift {
  const numeric = before.numeric !== undefined && after.numeric !== undefined;
  const edges = numeric
    ? [...new Set(before.numeric!.quantiles.filter((_, p) => p % 10 === 0 && p > 0 && p < 100))]
    : undefined;
  const categories = numeric ? [] : levelsOf(before);
  const value = psi(shares(before, beforeRows, edges, categories), shares(after, afterRows, edges, categories));
  const shift = value < 0.1 ? 'none' : value < 0.25 ? 'moderate' : 'significant';
  const result = { column: before.name, psi: Math.round(value * 10_000) / 10_000, shift } as const;
  if (numeric) return result;
  const old = new Set(levelsOf(before));
  const now = new Set(levelsOf(after));
  return {
    ...result,
    newCategories: [...now].filter((v) => !old.has(v)),
    vanishedCategories: [...old].filter((v) => !now.has(v)),
  };
}

/** What changed between the previous version's profile and the new one. */
export function compareProfiles(previous: DatasetProfile, current: DatasetProfile): DriftReport {
  const before = new Map(previous.columns.map((c) => [c.name, c]));
  const after = new Map(current.columns.map((c) => [c.name, c]));
  const typeChanges: DriftReport['typeChanges'] = [];
  const columns: ColumnDrift[] = [];
  for (const [name, now] of after) {
    const old = before.get(name);
    if (old === undefined) continue;
    if (old.type !== now.type) typeChanges.push({ column: name, from: old.type, to: now.type });
    else columns.push(columnDrift(old, previous.rows, now, current.rows));
  }
  return {
    added: [...after.keys()].filter((n) => !before.has(n)),
    removed: [...before.keys()].filter((n) => !after.has(n)),
    typeChanges,
    columns,
  };
}
