import { parseDatetime } from '../cells/datetime';
import { classifyClean, clean, detach, type ValueKind } from '../cells/values';
import type { ColumnType } from '../frame/frame';
import { decideType, TypeTally, type TypeTallyState } from '../frame/typeInference';
import { HyperLogLog, type HyperLogLogState } from './distinct';
import { hashPair } from './hash';
import { NumericSketch, type NumericSketchState } from './numericSketch';
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

/** What `ColumnProfiler.absorb` needs of a column's profiler: plain data. By cache index, `hashes` by pairs. */
export interface ColumnProfilerState {
  readonly keys: readonly string[];
  readonly values: readonly string[];
  readonly kinds: readonly ValueKind[];
  readonly nums: Float64Array;
  readonly counts: Uint32Array;
  readonly hashes: Int32Array;
  readonly tally: TypeTallyState;
  readonly hll: HyperLogLogState;
  readonly numbers: NumericSketchState;
  readonly dates: NumericSketchState;
  readonly overflow: boolean;
  readonly uncachedMissing: number;
}

// Distinct raw values remembered per column, with exact counts; beyond, values are classified one by one.
const CACHE_LIMIT = 10_000;
// Enough for the class counts of any classification target we accept (see MAX_CLASSES in src/lib/task.ts).
const TOP_VALUES = 50;
// Levels listed in the schema (scoring needs the exact list); more than this is a high-cardinality column.
const MAX_LEVELS = 1000;

/**
 * Profiles one column in a single streaming pass without knowing its type yet. Each distinct raw value is
 * classified once, when first seen, and then only counted: the hot path is one table lookup and one increment.
 * Moments and quantiles of numbers and dates come from those exact counts at the end; values seen after the
 * table is full are classified one by one and summarised by sketches. The type is decided from the counts.
 * Profilers of consecutive parts of a column merge (`absorb`) into what one profiler fed every value would give.
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
    return 2 * this.remember(key, value, kind, num, 1, hash[0]!, hash[1]!) + 2;
  }

  /** Caches `key`, which the last `cache.find` missed, with `count` occurrences; returns its cache index. */
  private remember(
    key: string,
    value: string,
    kind: ValueKind,
    num: number,
    count: number,
    a: number,
    b: number,
  ): number {
    const k = this.cache.insert(key);
    if (k === this.counts.length) this.grow();
    this.values.push(value);
    this.kinds.push(kind);
    this.nums.push(num);
    this.counts[k] = count;
    this.hashes[2 * k + 2] = a;
    this.hashes[2 * k + 3] = b;
    return k;
  }

  private grow(): void {
    const counts = new Uint32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
    const hashes = new Int32Array(2 * counts.length + 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  state(): ColumnProfilerState {
    const n = this.values.length;
    return {
      keys: [...this.cache.keys],
      values: [...this.values],
      kinds: [...this.kinds],
      nums: Float64Array.from(this.nums),
      counts: this.counts.slice(0, n),
      hashes: this.hashes.slice(2, 2 * n + 2),
      tally: this.tally.state(),
      hll: this.hll.state(),
      numbers: this.numbers.state(),
      dates: this.dates.state(),
      overflow: this.overflow,
      uncachedMissing: this.uncachedMissing,
    };
  }

  /**
   * Merges the state of a profiler of the values that followed every value seen (or absorbed) here. A profiler
   * that absorbed is not fed `add` again (its sketches could not carry on), but its `hashes` stay valid.
   *
   * One profiler fed every value would have cached the later part's distinct values in their first-seen order,
   * which is the later cache's order, until the cache was full, and counted each from its first occurrence on;
   * the values it had no room for would have been summarised one by one, in the order they came: the later
   * cache's first occurrences come before every value that overflowed the later profiler. So the profile is the
   * same, but for the sketches' estimates (moments up to rounding, quantiles from a different sample), with one
   * exception: a value cached here that only came back in the later part after its cache was full is summarised
   * there, not counted here. Its kind, missing and numeric counts are the same; its count in `top` is lower, and
   * it may be a mixed column's example in the reason.
   */
  absorb(later: ColumnProfilerState): void {
    const spilled: number[] = [];
    for (let i = 0; i < later.keys.length; i++) if (!this.absorbCached(later, i)) spilled.push(i);
    if (spilled.length > 0) this.absorbSpilled(later, spilled);
    this.tally.absorb(later.tally);
    this.hll.absorb(later.hll);
    this.numbers.absorb(later.numbers);
    this.dates.absorb(later.dates);
    this.overflow ||= later.overflow;
    this.uncachedMissing += later.uncachedMissing;
  }

  /** Counts the later cache's entry i in this cache; false when it is not there and there is no room for it. */
  private absorbCached(later: ColumnProfilerState, i: number): boolean {
    const key = later.keys[i]!;
    const k = this.cache.find(key);
    if (k >= 0) this.counts[k]! += later.counts[i]!;
    else if (this.cache.full) return false;
    else {
      const { values, kinds, nums, counts, hashes } = later;
      this.remember(key, values[i]!, kinds[i]!, nums[i]!, counts[i]!, hashes[2 * i]!, hashes[2 * i + 1]!);
    }
    return true;
  }

  /** Summarises the later cache's entries this cache had no room for, as values that overflowed it. */
  private absorbSpilled(later: ColumnProfilerState, spilled: readonly number[]): void {
    this.overflow = true;
    const numbers = new NumericSketch();
    const dates = new NumericSketch();
    for (const i of spilled) {
      const kind = later.kinds[i]!;
      const count = later.counts[i]!;
      if (kind === 'missing') this.uncachedMissing += count;
      else this.tally.add(kind, later.values[i]!, count);
      const sketch = kind === 'integer' || kind === 'float' ? numbers : kind === 'datetime' ? dates : undefined;
      if (sketch !== undefined) for (let c = 0; c < count; c++) sketch.add(later.nums[i]!);
    }
    // Merged, not added to: a sketch that absorbed has no sampler to go on with.
    this.numbers.absorb(numbers.state());
    this.dates.absorb(dates.state());
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
