import { parseDatetime } from '../../data/cells/datetime';
import { clean, isMissing, parseNumber } from '../../data/cells/values';
import type { FrameColumn } from '../../data/frame/frame';
import type { FeatureInfo } from '../types';
import type { CategoricalPlan, ColumnPlan, DatetimePart, DatetimePlan, NumericPlan } from './plan';

/**
 * Replays one column's plan on scoring data, from a Frame column (whatever type the scoring file was read as)
 * or from plain JSON values, one at a time (a scoring request's rows are read in place: no per-column copies).
 * `out` holds one array per feature the column yields; the return value counts categorical values never seen
 * in training (for one value: 0 or 1).
 */
export interface ColumnEncoder {
  readonly features: readonly FeatureInfo[];
  encodeColumn(column: FrameColumn, out: readonly Float64Array[]): number;
  encodeValue(value: unknown, out: readonly Float64Array[], row: number): number;
}

export function encoderFor(plan: ColumnPlan): ColumnEncoder {
  switch (plan.kind) {
    case 'numeric':
      return new NumericEncoder(plan);
    case 'datetime':
      return new DatetimeEncoder(plan);
    case 'categorical':
      return new CategoricalEncoder(plan);
  }
}

/** The numbers behind a frame column: values, or each categorical level parsed once. */
function columnNumbers(column: FrameColumn, parse: (level: string) => number): Float64Array {
  if (column.kind === 'numeric') return column.values;
  const byLevel = column.levels.map(parse);
  return Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : byLevel[c]!));
}

function valueNumber(v: unknown, parseText: (s: string) => number): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return isMissing(v) ? Number.NaN : parseText(clean(v));
  if (v instanceof Date) return v.getTime();
  return Number.NaN;
}

class NumericEncoder implements ColumnEncoder {
  readonly features: FeatureInfo[];

  constructor(private readonly plan: NumericPlan) {
    this.features = [{ name: plan.name, kind: 'numeric' }];
    if (plan.indicator) this.features.push({ name: `${plan.name}__missing`, kind: 'numeric' });
  }

  encodeColumn(column: FrameColumn, out: readonly Float64Array[]): number {
    this.write(columnNumbers(column, parseNumber), out);
    return 0;
  }

  encodeValue(value: unknown, out: readonly Float64Array[], row: number): number {
    this.put(valueNumber(value, parseNumber), out, row);
    return 0;
  }

  private write(values: Float64Array, out: readonly Float64Array[]): void {
    for (let i = 0; i < values.length; i++) this.put(values[i]!, out, i);
  }

  private put(v: number, out: readonly Float64Array[], i: number): void {
    const absent = Number.isNaN(v);
    out[0]![i] = absent ? this.plan.median : v;
    const missing = out[1];
    if (missing) missing[i] = absent ? 1 : 0;
  }
}

const DAY_MS = 86_400_000;

function datetimePart(t: number, part: DatetimePart): number {
  if (part === 'days') return t / DAY_MS;
  const d = new Date(t);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'weekday':
      return d.getUTCDay();
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
  }
}

export const DATETIME_PARTS: readonly DatetimePart[] = ['days', 'year', 'month', 'day', 'weekday', 'hour', 'minute'];

export { datetimePart };

class DatetimeEncoder implements ColumnEncoder {
  readonly features: FeatureInfo[];

  constructor(private readonly plan: DatetimePlan) {
    this.features = plan.parts.map((p) => ({ name: `${plan.name}__${p}`, kind: 'numeric' as const }));
    if (plan.indicator) this.features.push({ name: `${plan.name}__missing`, kind: 'numeric' });
  }

  encodeColumn(column: FrameColumn, out: readonly Float64Array[]): number {
    this.write(
      columnNumbers(column, (l) => parseDatetime(clean(l))),
      out,
    );
    return 0;
  }

  encodeValue(value: unknown, out: readonly Float64Array[], row: number): number {
    this.put(valueNumber(value, parseDatetime), out, row);
    return 0;
  }

  private write(values: Float64Array, out: readonly Float64Array[]): void {
    for (let i = 0; i < values.length; i++) this.put(values[i]!, out, i);
  }

  private put(v: number, out: readonly Float64Array[], i: number): void {
    const parts = this.plan.parts;
    const absent = Number.isNaN(v);
    const t = absent ? this.plan.median : v;
    for (let p = 0; p < parts.length; p++) out[p]![i] = datetimePart(t, parts[p]!);
    if (this.plan.indicator) out[parts.length]![i] = absent ? 1 : 0;
  }
}

/** Boolean columns match case-insensitively (`True` in a CSV, `true` in JSON). */
function levelKey(plan: CategoricalPlan, level: string): string {
  return plan.type === 'boolean' ? level.toLowerCase() : level;
}

class CategoricalEncoder implements ColumnEncoder {
  readonly features: FeatureInfo[];
  private readonly codes = new Map<string, number>();
  private readonly rare: Set<string>;
  /** Strings spelled exactly as a level: their code in one lookup (JSON rows mostly send these). */
  private readonly exact = new Map<string, number>();

  constructor(private readonly plan: CategoricalPlan) {
    this.features = [{ name: plan.name, kind: 'categorical', categories: plan.levels.length + 1 }];
    plan.levels.forEach((l, i) => {
      this.codes.set(levelKey(plan, l), i + 1);
    });
    this.rare = new Set(plan.rare.map((l) => levelKey(plan, l)));
    for (const l of plan.levels) if (!isMissing(l) && clean(l) === l) this.exact.set(l, this.code(l));
  }

  /** Code of a present value (0 = rare), or UNSEEN for a value training never saw (scored with code 0). */
  private code(level: string): number {
    const key = levelKey(this.plan, level);
    const code = this.codes.get(key);
    if (code !== undefined) return code;
    return this.plan.rareTruncated || !this.rare.has(key) ? UNSEEN : 0;
  }

  encodeColumn(column: FrameColumn, out: readonly Float64Array[]): number {
    const x = out[0]!;
    let unseen = 0;
    if (column.kind === 'numeric') {
      for (let i = 0; i < column.values.length; i++) {
        const v = column.values[i]!;
        if (Number.isNaN(v)) {
          x[i] = Number.NaN;
          continue;
        }
        unseen += put(x, i, this.code(String(v)));
      }
      return unseen;
    }
    const byLevel = column.levels.map((l) => this.code(l));
    for (let i = 0; i < column.codes.length; i++) {
      const frameCode = column.codes[i]!;
      if (frameCode < 0) {
        x[i] = Number.NaN;
        continue;
      }
      unseen += put(x, i, byLevel[frameCode]!);
    }
    return unseen;
  }

  encodeValue(v: unknown, out: readonly Float64Array[], row: number): number {
    const known = typeof v === 'string' ? this.exact.get(v) : undefined;
    if (known !== undefined) return put(out[0]!, row, known);
    const text =
      typeof v === 'string'
        ? isMissing(v)
          ? undefined
          : clean(v)
        : typeof v === 'number'
          ? Number.isFinite(v)
            ? String(v)
            : undefined
          : typeof v === 'boolean'
            ? String(v)
            : undefined;
    if (text === undefined) {
      out[0]![row] = Number.NaN;
      return 0;
    }
    return put(out[0]!, row, this.code(text));
  }
}

/** What `code` answers for a value never seen in training. */
const UNSEEN = -1;

/** Writes a category code (UNSEEN as 0) and returns 1 when it was unseen. */
function put(x: Float64Array, i: number, code: number): number {
  if (code === UNSEEN) {
    x[i] = 0;
    return 1;
  }
  x[i] = code;
  return 0;
}
