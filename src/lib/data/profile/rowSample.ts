import { ReservoirSampler } from './reservoir';

// Joins a kept row's fields: the text never holds NUL (textChunks rejects such files as binary).
const SEPARATOR = '\0';

/**
 * Uniform reservoir sample of whole rows, for the checks that need columns together, such as target leakage,
 * in the same single pass. Deterministic: the same file gives the same sample.
 * A kept row is stored as one string, its fields joined: one object instead of one per field for the garbage
 * collector to copy out of the young generation, and a copy that does not pin the chunk of text it was cut from.
 */
export class RowSample {
  private readonly kept: string[] = [];
  private readonly sampler: ReservoirSampler;

  constructor(size: number) {
    this.sampler = new ReservoirSampler(size, 0x6d2b79f5);
  }

  add(row: readonly string[]): void {
    const j = this.sampler.slot();
    if (j >= 0) this.kept[j] = row.join(SEPARATOR);
  }

  /** The sampled rows, split into fields again. */
  rows(): string[][] {
    return this.kept.map((line) => line.split(SEPARATOR));
  }
}
