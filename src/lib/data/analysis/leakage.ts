import type { Task } from '../../task';
import { clean, isMissing, parseNumber } from '../cells/values';
import type { ColumnProfile } from '../profile/columnProfiler';

export interface LeakageScore {
  readonly column: string;
  /** Classification: accuracy of predicting the class from this column alone; regression: R². */
  readonly score: number;
  /** The same measure without the feature (majority-class share; 0 for R²). */
  readonly baseline: number;
}

const BINS = 20;
// A column whose buckets hold fewer rows than this on average memorises rather than predicts: not scored.
const MIN_ROWS_PER_BUCKET = 20;

/** The value's index in first-seen order, numbering it when new. */
function firstSeenIndex(indices: Map<string, number>, value: string): number {
  let index = indices.get(value);
  if (index === undefined) {
    index = indices.size;
    indices.set(value, index);
  }
  return index;
}

/**
 * The bucket of a raw value as a small integer, -1 when missing: a level number (in first-seen order) or one of
 * 20 quantile bins. Integers, not strings, so that grouping the sample's rows needs no string-keyed map.
 */
function bucketOf(profile: ColumnProfile): (raw: string) => number {
  const q = profile.numeric?.quantiles;
  if (q === undefined) {
    const levels = new Map<string, number>();
    return (raw) => {
      if (isMissing(raw)) return -1;
      return firstSeenIndex(levels, clean(raw));
    };
  }
  const edges = Array.from({ length: BINS - 1 }, (_, i) => q[Math.round(((i + 1) * 100) / BINS)]!);
  return (raw) => {
    const x = parseNumber(raw);
    if (Number.isNaN(x)) return -1;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x > edges[mid]!) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * How well one feature alone predicts the target on a row sample: each bucket of the feature (a level, or one
 * of 20 quantile bins) predicts its majority class (classification) or its mean (regression).
 */
export class LeakageProbe {
  /** Per sample row: class index (classification) or value (regression); NaN when the target is missing. */
  private readonly y: Float64Array;
  private readonly classes: number;

  constructor(
    private readonly rows: readonly (readonly string[])[],
    targetIndex: number,
    private readonly task: Task,
  ) {
    const codes = new Map<string, number>();
    this.y = Float64Array.from(rows, (row) => {
      const raw = row[targetIndex] ?? '';
      if (isMissing(raw)) return Number.NaN;
      if (task === 'regression') return parseNumber(raw);
      return firstSeenIndex(codes, clean(raw));
    });
    this.classes = codes.size;
  }

  score(featureIndex: number, profile: ColumnProfile): LeakageScore | undefined {
    const bucket = bucketOf(profile);
    // Per bucket: class counts, or [count, sum, sum of squares] for regression.
    const width = this.task === 'regression' ? 3 : this.classes;
    const byBucket: (Float64Array | undefined)[] = [];
    // Each bucket's stats, in first-seen order (a fixed order for the float sums of regression).
    const stats: Float64Array[] = [];
    const all = new Float64Array(width);
    const regression = this.task === 'regression';
    const add = (acc: Float64Array, y: number) => {
      if (regression) {
        acc[0]! += 1;
        acc[1]! += y;
        acc[2]! += y * y;
      } else acc[y]! += 1;
    };
    let n = 0;
    for (let r = 0; r < this.rows.length; r++) {
      const y = this.y[r]!;
      const b = Number.isNaN(y) ? -1 : bucket(this.rows[r]![featureIndex] ?? '');
      if (b < 0) continue;
      let s = byBucket[b];
      if (s === undefined) {
        s = new Float64Array(width);
        byBucket[b] = s;
        stats.push(s);
      }
      n++;
      add(s, y);
      add(all, y);
    }
    if (n === 0 || n / stats.length < MIN_ROWS_PER_BUCKET) return undefined;
    const column = profile.name;
    if (this.task === 'regression') {
      const ss = (a: Float64Array) => a[2]! - (a[1]! * a[1]!) / a[0]!;
      const total = ss(all);
      let within = 0;
      for (const s of stats) within += ss(s);
      return { column, score: total <= 0 ? 0 : 1 - within / total, baseline: 0 };
    }
    let correct = 0;
    for (const s of stats) correct += Math.max(...s);
    return { column, score: correct / n, baseline: Math.max(...all) / n };
  }
}
