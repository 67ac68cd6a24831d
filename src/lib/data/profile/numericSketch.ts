import { mergeSamples, ReservoirSampler } from './reservoir';

const RESERVOIR = 8192;
const EMPTY = new Float64Array(0);
const SEED = 0x2545f491;

/** What `NumericSketch.absorb` needs of a sketch: plain data. */
export interface NumericSketchState {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly m2: number;
  readonly first: number;
  readonly last: number;
  readonly sequence: boolean;
  readonly sample: Float64Array;
}

/**
 * Streaming moments of the numbers a column's value cache could not keep (Welford), with a fixed-size uniform
 * reservoir sample for quantiles (deterministic, so profiles are reproducible) and whether the stream counts
 * up by one. Cached values are not added here: their exact counts are summarised at the end (`summarizeNumbers`).
 * Sketches of consecutive parts of a stream merge (`absorb`); a sketch that absorbed is not fed `add` again,
 * since its sampler knows nothing of the absorbed values.
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
  // Allocated on the first value: most columns never overflow their value cache, and a chunked read makes
  // a profiler per chunk.
  private kept = EMPTY;
  private readonly sampler = new ReservoirSampler(RESERVOIR, SEED);

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
    if (j >= 0) {
      if (this.kept === EMPTY) this.kept = new Float64Array(RESERVOIR);
      this.kept[j] = x;
    }
  }

  /** The reservoir: every value while there are at most 8,192, else a uniform sample of them. */
  sample(): Float64Array {
    return this.kept.subarray(0, Math.min(this.count, RESERVOIR));
  }

  state(): NumericSketchState {
    const { count, min, max, mean, m2, first, last, sequence } = this;
    return { count, min, max, mean, m2, first, last, sequence, sample: this.sample().slice() };
  }

  /** Merges the sketch of the values that followed every value seen (or absorbed) here. */
  absorb(later: NumericSketchState): void {
    if (later.count === 0) return;
    const earlier = { items: this.sample(), seen: this.count };
    if (this.kept === EMPTY) this.kept = new Float64Array(RESERVOIR);
    this.kept.set(mergeSamples(earlier, { items: later.sample, seen: later.count }, RESERVOIR, SEED));
    if (this.count === 0) this.copy(later);
    else this.join(later);
  }

  private copy(later: NumericSketchState): void {
    this.count = later.count;
    this.min = later.min;
    this.max = later.max;
    this.mean = later.mean;
    this.m2 = later.m2;
    this.first = later.first;
    this.last = later.last;
    this.sequence = later.sequence;
  }

  /** Chan et al.'s pairwise update of the moments; a sequence carries on only where the earlier one stopped. */
  private join(later: NumericSketchState): void {
    const n = this.count + later.count;
    const delta = later.mean - this.mean;
    this.mean += (delta * later.count) / n;
    this.m2 += later.m2 + (delta * delta * this.count * later.count) / n;
    this.sequence = this.sequence && later.sequence && later.first === this.last + 1;
    this.last = later.last;
    if (later.min < this.min) this.min = later.min;
    if (later.max > this.max) this.max = later.max;
    this.count = n;
  }
}
