import { mix32 } from './hash';

const INITIAL_SLOTS = 1 << 16;
// 256 K slots × 8 bytes = 2 MB at most: a table much larger than the CPU caches costs a miss per row.
const MAX_SLOTS = 1 << 18;

/** What `DistinctRows.absorb` needs of a counter: its sampling level and the key pairs it kept, plain data. */
export interface DistinctRowsState {
  readonly level: number;
  /** Kept keys as (first word, second word) pairs. */
  readonly kept: Uint32Array;
}

/**
 * Counts distinct rows by their 64-bit hash: exactly up to 128 K distinct rows, then by adaptive sampling
 * (Wegman): only hashes whose low `level` bits are zero are kept, and the count is scaled by 2^level.
 * Duplicate rows = rows − distinct rows.
 *
 * What is kept is a function of the set S of distinct keys seen, not of their order: with S_L the keys that
 * pass level L, the level only rises when the table is full and an insertion makes |S_L(seen)| exceed 128 K, so
 * in the end |S_(level−1)| > 128 K (it did once, and S only grows) and |S_level| ≤ 128 K (had it gone over,
 * the insertion doing so would have raised the level): the level is the least L with |S_L| ≤ 128 K and the
 * kept keys are S_level. (The exception: a raise that drops none of 128 K + 1 keys, chance 2^−131073.)
 * Hence `absorb` gives what one counter seeing both streams would: it raises its own level to the other's,
 * both levels being at most the union's, and inserts the other's kept keys, which include every key of the
 * other's stream passing that level or any higher one.
 */
export class DistinctRows {
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private used = 0;

  /**
   * `level`: where to start sampling. Any level up to the final one of every stream this counter's keys will
   * be merged into gives the same result (see above), and skips the keys that would be dropped later.
   */
  constructor(private level = 0) {}

  /** The current sampling level: keys whose low `level` bits are not all zero are not counted. */
  get sampling(): number {
    return this.level;
  }

  add(h1: number, h2: number): void {
    const a = (mix32(h1) | 1) >>> 0; // never 0: a zero first word marks an empty slot
    // `keep`, written out: this runs once a row.
    if (this.level > 0 && (a >>> 1) & ((1 << this.level) - 1)) return;
    if (this.insert(a, h2 >>> 0) && ++this.used * 2 > this.slots.length / 2) this.grow();
  }

  get approximate(): boolean {
    return this.level > 0;
  }

  estimate(): number {
    return this.used * 2 ** this.level;
  }

  state(): DistinctRowsState {
    const kept = new Uint32Array(2 * this.used);
    for (let i = 0, n = 0; i < this.slots.length; i += 2) {
      if (this.slots[i] !== 0) {
        kept[n++] = this.slots[i]!;
        kept[n++] = this.slots[i + 1]!;
      }
    }
    return { level: this.level, kept };
  }

  /** Counts the keys of another counter as if they had been added here. */
  absorb(other: DistinctRowsState): void {
    if (other.level > this.level) {
      this.level = other.level;
      this.rebuild(this.slots.length / 2);
    }
    for (let i = 0; i < other.kept.length; i += 2) this.keep(other.kept[i]!, other.kept[i + 1]!);
  }

  private keep(a: number, b: number): void {
    if (this.level > 0 && (a >>> 1) & ((1 << this.level) - 1)) return;
    if (this.insert(a, b) && ++this.used * 2 > this.slots.length / 2) this.grow();
  }

  private insert(a: number, b: number): boolean {
    const mask = this.slots.length / 2 - 1;
    for (let i = b & mask; ; i = (i + 1) & mask) {
      const s = this.slots[2 * i]!;
      if (s === 0) {
        this.slots[2 * i] = a;
        this.slots[2 * i + 1] = b;
        return true;
      }
      if (s === a && this.slots[2 * i + 1] === b) return false;
    }
  }

  private grow(): void {
    const size = this.slots.length / 2;
    if (size >= MAX_SLOTS) this.level++;
    this.rebuild(size >= MAX_SLOTS ? size : size * 2);
  }

  /** Moves the keys that pass the current level into a table of `size` slots. */
  private rebuild(size: number): void {
    const old = this.slots;
    this.slots = new Uint32Array(2 * size);
    this.used = 0;
    const keep = (1 << this.level) - 1;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i]!;
      if (a !== 0 && ((a >>> 1) & keep) === 0) {
        this.insert(a, old[i + 1]!);
        this.used++;
      }
    }
  }
}
