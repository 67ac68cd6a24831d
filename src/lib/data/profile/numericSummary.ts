import type { NumericSketch } from './numericSketch';

/**
 * Summary of a numeric column: exact count, min, max, mean and standard deviation, and quantiles — exact
 * while every distinct value was counted, else estimated with the sketch's sample standing in for the values
 * that were not.
 */
export interface NumericSummary {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  /** Percentiles p0, p1, …, p100 (101 values), linearly interpolated between ranks. */
  readonly quantiles: readonly number[];
  /** Every value was the previous plus one (a row counter). */
  readonly sequence: boolean;
}

/** Distinct numbers in first-seen order with how often each occurred. */
export interface CountedNumbers {
  readonly values: readonly number[];
  readonly counts: readonly number[];
}

/** Combines counted distinct values with the sketch of the values seen after the count stopped. */
export function summarizeNumbers(counted: CountedNumbers, rest: NumericSketch): NumericSummary | undefined {
  const { values, counts } = counted;
  let n = 0;
  let sum = 0;
  let min = rest.min;
  let max = rest.max;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    n += counts[i]!;
    sum += x * counts[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const total = n + rest.count;
  if (total === 0) return undefined;
  const countedMean = n === 0 ? 0 : sum / n;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) m2 += counts[i]! * (values[i]! - countedMean) ** 2;
  // Chan et al.'s pairwise update joins the counted values' moments with the sketch's.
  const delta = rest.mean - countedMean;
  const mean = countedMean + (delta * rest.count) / total;
  m2 += rest.m2 + (delta * delta * n * rest.count) / total;
  const quantiles = weightedQuantiles(counted, rest, total);
  quantiles[0] = min;
  quantiles[100] = max;
  return {
    count: total,
    min,
    max,
    mean,
    std: total > 1 ? Math.sqrt(m2 / (total - 1)) : 0,
    quantiles,
    sequence: total > 1 && isSequence(counted, rest),
  };
}

/** Counted values each seen once, counting up by one in first-seen order, and the rest carrying on. */
function isSequence({ values, counts }: CountedNumbers, rest: NumericSketch): boolean {
  for (let i = 0; i < values.length; i++) {
    if (counts[i] !== 1 || (i > 0 && values[i] !== values[i - 1]! + 1)) return false;
  }
  if (rest.count === 0) return true;
  return rest.sequence && (values.length === 0 || rest.first === values[values.length - 1]! + 1);
}

/**
 * p0 … p100 over every occurrence: counted values weigh their counts, each sampled value the share of the
 * uncounted occurrences it stands for. The value at rank r is the one whose run of ranks covers r.
 */
function weightedQuantiles(counted: CountedNumbers, rest: NumericSketch, total: number): number[] {
  const sample = rest.sample();
  const size = counted.values.length + sample.length;
  const xs = new Float64Array(size);
  const ws = new Float64Array(size);
  xs.set(counted.values);
  ws.set(counted.counts);
  xs.set(sample, counted.values.length);
  ws.fill(sample.length === 0 ? 0 : rest.count / sample.length, counted.values.length);
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  // ends[i]: ranks below the end of the i-th smallest value's run.
  const ends = new Float64Array(size);
  for (let i = 0, end = 0; i < size; i++) ends[i] = end += ws[order[i]!]!;
  const valueAt = (rank: number): number => {
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > rank) hi = mid;
      else lo = mid + 1;
    }
    return xs[order[lo]!]!;
  };
  return Array.from({ length: 101 }, (_, p) => {
    const pos = (p / 100) * (total - 1);
    const lo = Math.floor(pos);
    const low = valueAt(lo);
    return pos === lo ? low : low + (valueAt(lo + 1) - low) * (pos - lo);
  });
}
