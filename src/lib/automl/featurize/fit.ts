import type { CategoricalColumn, FrameColumn, NumericColumn } from '../../data/frame/frame';
import { DATETIME_PARTS, datetimePart } from './encoders';
import type { CategoricalPlan, ColumnPlan, DatetimePlan, NumericPlan } from './plan';
import { median } from './stats';

/** How one input column's plan is learnt from training data. */
export interface CategoricalOptions {
  /** Levels seen in fewer rows go to the rare bucket (code 0). */
  readonly minFrequency: number;
  /** At most this many codes, the rare/unseen bucket included: the most frequent levels are kept. */
  readonly maxCategories: number;
}

/** Rare levels remembered (to tell them from unseen ones at scoring time) up to this many. */
const MAX_RARE_KEPT = 1000;

function hasMissing(values: Float64Array): boolean {
  for (const v of values) if (Number.isNaN(v)) return true;
  return false;
}

export function fitColumn(column: FrameColumn, options: CategoricalOptions): ColumnPlan {
  if (column.kind === 'categorical') return fitCategorical(column, options);
  if (column.type === 'datetime') return fitDatetime(column);
  return fitNumeric(column as NumericColumn & { type: 'integer' | 'float' });
}

function fitNumeric(column: NumericColumn & { type: 'integer' | 'float' }): NumericPlan {
  return {
    kind: 'numeric',
    name: column.name,
    type: column.type,
    median: median(column.values),
    indicator: hasMissing(column.values),
  };
}

function fitDatetime(column: NumericColumn): DatetimePlan {
  const mid = median(column.values);
  // Keep the parts that vary: a date-only column yields no hour, a single-year one no year.
  const parts = DATETIME_PARTS.filter((part) => {
    let first: number | undefined;
    for (const t of column.values) {
      if (Number.isNaN(t)) continue;
      const v = datetimePart(t, part);
      if (first === undefined) first = v;
      else if (v !== first) return true;
    }
    return false;
  });
  return { kind: 'datetime', name: column.name, median: mid, parts, indicator: hasMissing(column.values) };
}

function fitCategorical(column: CategoricalColumn, options: CategoricalOptions): CategoricalPlan {
  const counts = new Float64Array(column.levels.length);
  for (const c of column.codes) if (c >= 0) counts[c]! += 1;
  const order = column.levels
    .map((level, code) => ({ level, count: counts[code]! }))
    .filter((l) => l.count > 0)
    .sort((a, b) => b.count - a.count || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
  const kept: string[] = [];
  const rare: string[] = [];
  for (const l of order) {
    if (l.count >= options.minFrequency && kept.length < options.maxCategories - 1) kept.push(l.level);
    else rare.push(l.level);
  }
  return {
    kind: 'categorical',
    name: column.name,
    type: column.type,
    levels: kept,
    rare: rare.slice(0, MAX_RARE_KEPT),
    rareTruncated: rare.length > MAX_RARE_KEPT,
  };
}
