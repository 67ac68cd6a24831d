/**
 * Chooses which items a uniform reservoir sample of `size` keeps, by Algorithm L (Li 1994): after the
 * reservoir fills, it draws how many items to pass over, so most items cost one comparison, not a random draw.
 * Seeded xorshift32: the same stream gives the same sample.
 */
export class ReservoirSampler {
  private seen = 0;
  private w = 1;
  private next = 0;

  constructor(
    readonly size: number,
    private seed: number,
  ) {}

  /** The slot the next item goes to, or -1 when it is passed over. */
  slot(): number {
    const n = ++this.seen;
    if (n <= this.size) {
      if (n === this.size) this.skip();
      return n - 1;
    }
    if (n !== this.next) return -1;
    const j = Math.floor(this.random() * this.size);
    this.skip();
    return j;
  }

  private skip(): void {
    this.w *= Math.exp(Math.log(this.random()) / this.size);
    this.next = this.seen + Math.floor(Math.log(this.random()) / Math.log(1 - this.w)) + 1;
  }

  /** xorshift32 in (0, 1). */
  private random(): number {
    let s = this.seed;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.seed = s;
    return ((s >>> 0) + 1) / 4294967297;
  }
}
