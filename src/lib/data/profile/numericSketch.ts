import { ReservoirSampler } from './reservoir';

const RESERVOIR = 8192;

/**
 * Streaming moments of the numbers a column's value cache could not keep (Welford), with a fixed-size uniform
 * reservoir sample for quantiles (deterministic, so profiles are reproducible) and whether the stream counts
 * up by one. Cached values are not added here: their exact counts are summarised at the end (`summarizeNumbers`).
 */
export class NumericSketch {
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;
  first = Number.NaN;
  private last = Number.NaN;
  /** Every value so far was the previous plus one. */
  sequence = true;
  private readonly kept = new Float64Array(RESERVOIR);
  private readonly sampler = new ReservoirSampler(RESERVOIR, 0x2545f491);

  add(x: number): void {
    const n = ++this.count;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const delta = x - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (x - this.mean);
    if (n === 1) this.first = x;
    else if (this.sequence && x !== this.last + 1) this.sequence = false;
    this.last = x;
    const j = this.sampler.slot();
    if (j >= 0) this.kept[j] = x;
  }

  /** The reservoir: every value while there are at most 8,192, else a uniform sample of them. */
  sample(): Float64Array {
    return this.kept.subarray(0, Math.min(this.count, RESERVOIR));
  }
}
