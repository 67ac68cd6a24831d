import { ReservoirSampler } from './reservoir';

/**
 * Streaming summary of a numeric column: exact count, min, max, mean and standard deviation (Welford),
 * and quantiles from a fixed-size uniform reservoir sample (deterministic, so profiles are reproducible).
 */
export interface NumericSummary {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  /** Percentiles p0, p1, …, p100 (101 values), estimated from the sample when the column is large. */
  readonly quantiles: readonly number[];
  /** Every value was the previous plus one (a row counter). */
  readonly sequence: boolean;
}

const RESERVOIR = 8192;

export class NumericSketch {
  count = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private mean = 0;
  private m2 = 0;
  private previous = Number.NaN;
  private sequence = true;
  private readonly sample = new Float64Array(RESERVOIR);
  private readonly sampler = new ReservoirSampler(RESERVOIR, 0x2545f491);

  add(x: number): void {
    const n = ++this.count;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const delta = x - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (x - this.mean);
    if (this.sequence && n > 1 && x !== this.previous + 1) this.sequence = false;
    this.previous = x;
    const j = this.sampler.slot();
    if (j >= 0) this.sample[j] = x;
  }

  summary(): NumericSummary | undefined {
    if (this.count === 0) return undefined;
    const sorted = this.sample.slice(0, Math.min(this.count, RESERVOIR)).sort();
    const quantiles = Array.from({ length: 101 }, (_, p) => {
      const pos = (p / 100) * (sorted.length - 1);
      const lo = Math.floor(pos);
      const hi = Math.min(lo + 1, sorted.length - 1);
      return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
    });
    // The sample may miss the extremes: the exact min and max bound the estimated percentiles.
    quantiles[0] = this.min;
    quantiles[100] = this.max;
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.mean,
      std: this.count > 1 ? Math.sqrt(this.m2 / (this.count - 1)) : 0,
      quantiles,
      sequence: this.sequence && this.count > 1,
    };
  }
}
