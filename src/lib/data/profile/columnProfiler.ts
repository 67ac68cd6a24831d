import { parseDatetime } from '../datetime';
import type { ColumnType } from '../frame';
import { decideType, TypeTally } from '../typeInference';
import { classifyClean, clean, detach, type ValueKind } from '../values';
import { HyperLogLog } from './distinct';
import { hashPair } from './hash';
import { NumericSketch, type NumericSummary } from './numericSketch';
import { ValueTable } from './valueTable';

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly reason?: string;
  readonly missing: number;
  readonly distinct: number;
  /** The distinct count is a HyperLogLog estimate and top values only cover the first values seen. */
  readonly approximate: boolean;
  /** Integer, float and datetime (epoch ms) columns. */
  readonly numeric?: NumericSummary;
  /** The most frequent values (of every column type: class counts of a 0/1 target, say). */
  readonly top: readonly ValueCount[];
  /** Every level in first-seen order when the column has few enough to keep exactly (boolean, categorical). */
  readonly levels?: readonly string[];
}

interface Entry {
  readonly value: string;
  readonly kind: ValueKind;
  readonly h1: number;
  readonly h2: number;
  /** The number (or epoch ms) the value stands for, NaN otherwise. */
  readonly num: number;
  /** Where each occurrence of the value is summarised: the numeric or the datetime sketch. */
  readonly sketch: NumericSketch | undefined;
  count: number;
}

// Distinct raw values remembered per column, with exact counts; beyond, values are classified one by one.
const CACHE_LIMIT = 10_000;
// Enough for the class counts of any classification target we accept (see MAX_CLASSES in target.ts).
const TOP_VALUES = 50;
// Levels listed in the schema (scoring needs the exact list); more than this is a high-cardinality column.
const MAX_LEVELS = 1000;

/**
 * Profiles one column in a single streaming pass without knowing its type yet: every value is classified,
 * counted and, when numeric or a date, fed to a sketch; the type is decided at the end from the counts.
 */
export class ColumnProfiler {
  /** Distinct raw values remembered, and their entries by the same index. */
  private readonly cache = new ValueTable(CACHE_LIMIT);
  private readonly entries: Entry[] = [];
  private readonly tally = new TypeTally();
  private readonly hll = new HyperLogLog();
  private readonly numbers = new NumericSketch();
  private readonly dates = new NumericSketch();
  private readonly scratch = new Uint32Array(2);
  private overflow = false;
  private uncachedMissing = 0;

  constructor(readonly name: string) {}

  /** Adds a value and returns its cache entry (whose hashes the caller folds into the row hash). */
  add(raw: string): Entry {
    const known = this.cache.find(raw);
    let entry: Entry;
    if (known >= 0) entry = this.entries[known]!;
    else {
      entry = this.describe(raw);
      if (!this.cache.full) {
        this.cache.insert(detach(raw));
        this.entries.push(entry);
      } else {
        // Not remembered: counted here, since its entry is dropped.
        this.overflow = true;
        if (entry.kind === 'missing') this.uncachedMissing++;
        else this.tally.add(entry.kind, entry.value);
      }
      if (entry.kind !== 'missing') this.hll.add(entry.h1);
    }
    entry.count++;
    entry.sketch?.add(entry.num);
    return entry;
  }

  private describe(raw: string): Entry {
    const value = detach(clean(raw));
    const kind = classifyClean(value);
    hashPair(value, this.scratch);
    const numeric = kind === 'integer' || kind === 'float';
    const num = numeric ? Number(value) : kind === 'datetime' ? parseDatetime(value) : NaN;
    const sketch = numeric ? this.numbers : kind === 'datetime' ? this.dates : undefined;
    return { value, kind, h1: this.scratch[0]!, h2: this.scratch[1]!, num, sketch, count: 0 };
  }

  finish(): ColumnProfile {
    const cached = this.entries;
    const entries = cached.filter((e) => e.kind !== 'missing');
    const missing = cached.reduce((n, e) => (e.kind === 'missing' ? n + e.count : n), this.uncachedMissing);
    for (const e of entries) this.tally.add(e.kind, e.value, e.count);
    const levels = mergedLevels(entries);
    const distinct = this.overflow ? Math.max(this.hll.estimate(), levels.length) : levels.length;
    const { type, reason } = decideType(this.tally, distinct);
    const base = { name: this.name, type, ...(reason === undefined ? {} : { reason }), missing };
    const top = [...entries]
      .sort((a, b) => b.count - a.count)
      .slice(0, TOP_VALUES)
      .map((e) => ({ value: e.value, count: e.count }));
    const profile = { ...base, distinct, approximate: this.overflow, top };
    if (type === 'integer' || type === 'float' || type === 'datetime') {
      const numeric = (type === 'datetime' ? this.dates : this.numbers).summary();
      return numeric === undefined ? profile : { ...profile, numeric };
    }
    const exactLevels = type !== 'text' && !this.overflow && levels.length <= MAX_LEVELS;
    return exactLevels ? { ...profile, levels } : profile;
  }
}

/** Levels in first-seen order, raw spellings that clean to the same value counted once. */
function mergedLevels(entries: readonly Entry[]): string[] {
  return [...new Set(entries.map((e) => e.value))];
}
