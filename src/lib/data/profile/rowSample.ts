import { BernoulliFilter, mergeSamples, ReservoirSampler } from './reservoir';

// Joins a kept row's fields: the text never holds NUL (textChunks rejects such files as binary).
const SEPARATOR = '\0';
const SEED = 0x6d2b79f5;

/** What `RowSample.absorb` needs of a sample: the kept rows (fields joined) and how many rows it was offered. */
export interface RowSampleState {
  readonly kept: readonly string[];
  readonly seen: number;
}

/**
 * Uniform reservoir sample of whole rows, for the checks that need columns together, such as target leakage,
 * in the same single pass. Deterministic: the same file gives the same sample.
 * A kept row is stored as one string, its fields joined: one object instead of one per field for the garbage
 * collector to copy out of the young generation, and a copy that does not pin the chunk of text it was cut from.
 * Samples of consecutive parts of a file merge (`absorb`); a sample that absorbed is not fed `add` again.
 */
export class RowSample {
  private kept: string[] = [];
  private readonly sampler: ReservoirSampler;
  private readonly filter: BernoulliFilter;
  private offered = 0;
  /** Rows of the samples absorbed, which were not offered here. */
  private absorbed = 0;

  /**
   * `rate` < 1 (a chunk's profiler, told its likely share of the merged sample) first passes each row with that
   * probability: a uniform sample still, of fewer rows, each of which costs a join. `seed` varies it by chunk.
   */
  constructor(size: number, rate = 1, seed = 0) {
    this.sampler = new ReservoirSampler(size, SEED);
    this.filter = new BernoulliFilter(rate, (SEED ^ Math.imul(seed + 1, 0x9e3779b9)) | 1);
  }

  add(row: readonly string[]): void {
    this.offered++;
    if (!this.filter.pass()) return;
    const j = this.sampler.slot();
    if (j >= 0) this.kept[j] = row.join(SEPARATOR);
  }

  /** The sampled rows, split into fields again. */
  rows(): string[][] {
    return this.kept.map((line) => line.split(SEPARATOR));
  }

  state(): RowSampleState {
    return { kept: [...this.kept], seen: this.seen };
  }

  /**
   * Merges the sample of the rows that followed every row seen (or absorbed) here: a uniform sample of all of
   * them, or every row in file order while they fit, as one sample fed every row would be.
   */
  absorb(later: RowSampleState): void {
    const earlier = { items: this.kept, seen: this.seen };
    this.kept = mergeSamples(earlier, { items: later.kept, seen: later.seen }, this.sampler.size, SEED);
    this.absorbed += later.seen;
  }

  private get seen(): number {
    return this.offered + this.absorbed;
  }
}
