import { parseDatetime } from '../datetime';
import type { ColumnType } from '../frame';
import { decideType, TypeTally } from '../typeInference';
import { classifyClean, clean, detach, type ValueKind } from '../values';
import { HyperLogLog } from './distinct';
import { hashPair } from './hash';
import { NumericSketch } from './numericSketch';
import { type NumericSummary, summarizeNumbers } from './numericSummary';
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

// Distinct raw values remembered per column, with exact counts; beyond, values are classified one by one.
const CACHE_LIMIT = 10_000;
// Enough for the class counts of any classification target we accept (see MAX_CLASSES in target.ts).
const TOP_VALUES = 50;
// Levels listed in the schema (scoring needs the exact list); more than this is a high-cardinality column.
const MAX_LEVELS = 1000;

/**
 * Profiles one column in a single streaming pass without knowing its type yet. Each distinct raw value is
 * classified once, when first seen, and then only counted: the hot path is one table lookup and one increment.
 * Moments and quantiles of numbers and dates come from those exact counts at the end; values seen after the
 * table is full are classified one by one and summarised by sketches. The type is decided from the counts.
 */
export class ColumnProfiler {
  // Identity by hash: a collision (about 10⁻¹² per column) would merge two values' counts, nothing worse.
  private readonly cache = new ValueTable(CACHE_LIMIT, 'hash');
  /** By cache index: the cleaned value, its kind, and the number (or epoch ms) it stands for, NaN otherwise. */
  private readonly values: string[] = [];
  private readonly kinds: ValueKind[] = [];
  private readonly nums: number[] = [];
  /** By cache index: occurrences. */
  private counts = new Uint32Array(64);
  /**
   * Hash pairs of cleaned values, for the caller's row hash: cache index k's at 2k + 2, and at 0 the pair of
   * the last value that was not cached.
   */
  hashes = new Int32Array(2 * 64 + 2);
  private readonly tally = new TypeTally();
  private readonly hll = new HyperLogLog();
  private readonly numbers = new NumericSketch();
  private readonly dates = new NumericSketch();
  private readonly scratch = new Uint32Array(2);
  private overflow = false;
  private uncachedMissing = 0;

  constructor(readonly name: string) {}

  /** Adds a value and returns where its hash pair is in `hashes`. */
  add(raw: string): number {
    const k = this.cache.find(raw);
    if (k < 0) return this.addNew(raw);
    this.counts[k]!++;
    return 2 * k + 2;
  }

  private addNew(raw: string): number {
    const key = detach(raw);
    const cleaned = clean(raw);
    const value = cleaned === raw ? key : detach(cleaned);
    const kind = classifyClean(value);
    const numeric = kind === 'integer' || kind === 'float';
    const num = numeric ? Number(value) : kind === 'datetime' ? parseDatetime(value) : Number.NaN;
    const hash = cleaned === raw ? this.cache.missedHash : this.scratch;
    if (cleaned !== raw) hashPair(value, this.scratch);
    if (kind !== 'missing') this.hll.add(hash[0]!);
    if (this.cache.full) {
      // Not remembered: summarised here, since it will not be counted.
      this.overflow = true;
      if (kind === 'missing') this.uncachedMissing++;
      else this.tally.add(kind, value);
      if (numeric) this.numbers.add(num);
      else if (kind === 'datetime') this.dates.add(num);
      this.hashes[0] = hash[0]!;
      this.hashes[1] = hash[1]!;
      return 0;
    }
    const k = this.cache.insert(key);
    if (k === this.counts.length) this.grow();
    this.values.push(value);
    this.kinds.push(kind);
    this.nums.push(num);
    this.counts[k] = 1;
    this.hashes[2 * k + 2] = hash[0]!;
    this.hashes[2 * k + 3] = hash[1]!;
    return 2 * k + 2;
  }

  private grow(): void {
    const counts = new Uint32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
    const hashes = new Int32Array(2 * counts.length + 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  finish(): ColumnProfile {
    const present: number[] = [];
    let missing = this.uncachedMissing;
    for (let k = 0; k < this.values.length; k++) {
      const kind = this.kinds[k]!;
      if (kind === 'missing') missing += this.counts[k]!;
      else {
        present.push(k);
        this.tally.add(kind, this.values[k]!, this.counts[k]!);
      }
    }
    // Raw spellings that clean to the same value are one level.
    const levels = [...new Set(present.map((k) => this.values[k]!))];
    const distinct = this.overflow ? Math.max(this.hll.estimate(), levels.length) : levels.length;
    const { type, reason } = decideType(this.tally, distinct);
    const base = { name: this.name, type, ...(reason === undefined ? {} : { reason }), missing };
    const top = [...present]
      .sort((a, b) => this.counts[b]! - this.counts[a]!)
      .slice(0, TOP_VALUES)
      .map((k) => ({ value: this.values[k]!, count: this.counts[k]! }));
    const profile = { ...base, distinct, approximate: this.overflow, top };
    if (type === 'integer' || type === 'float' || type === 'datetime') {
      const numeric = this.numericSummary(type === 'datetime');
      return numeric === undefined ? profile : { ...profile, numeric };
    }
    const exactLevels = type !== 'text' && !this.overflow && levels.length <= MAX_LEVELS;
    return exactLevels ? { ...profile, levels } : profile;
  }

  private numericSummary(dates: boolean): NumericSummary | undefined {
    const values: number[] = [];
    const counts: number[] = [];
    for (let k = 0; k < this.values.length; k++) {
      const kind = this.kinds[k]!;
      if (dates ? kind === 'datetime' : kind === 'integer' || kind === 'float') {
        values.push(this.nums[k]!);
        counts.push(this.counts[k]!);
      }
    }
    return summarizeNumbers({ values, counts }, dates ? this.dates : this.numbers);
  }
}
