import { detach } from '../values';

/**
 * Uniform reservoir sample of whole rows (Algorithm R), for the checks that need columns together, such as
 * target leakage, in the same single pass. Deterministic: the same file gives the same sample.
 */
export class RowSample {
  readonly rows: string[][] = [];
  private seen = 0;
  private seed = 0x6d2b79f5;

  constructor(private readonly size: number) {}

  add(row: string[]): void {
    const n = ++this.seen;
    if (n <= this.size) {
      this.rows.push(row.map(detach));
      return;
    }
    let s = this.seed;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.seed = s;
    const j = (s >>> 0) % n;
    if (j < this.size) this.rows[j] = row.map(detach);
  }
}
