import { detach } from '../values';
import { ReservoirSampler } from './reservoir';

/**
 * Uniform reservoir sample of whole rows, for the checks that need columns together, such as target leakage,
 * in the same single pass. Deterministic: the same file gives the same sample.
 */
export class RowSample {
  readonly rows: string[][] = [];
  private readonly sampler: ReservoirSampler;

  constructor(size: number) {
    this.sampler = new ReservoirSampler(size, 0x6d2b79f5);
  }

  add(row: string[]): void {
    const j = this.sampler.slot();
    // Copies, so a kept row does not pin the chunk of text it was cut from.
    if (j >= 0) this.rows[j] = row.map(detach);
  }
}
