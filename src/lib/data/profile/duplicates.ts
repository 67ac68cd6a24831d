import { mix32 } from './hash';

const INITIAL_SLOTS = 1 << 16;
// 256 K slots × 8 bytes = 2 MB at most: a table much larger than the CPU caches costs a miss per row.
const MAX_SLOTS = 1 << 18;

/**
 * Counts distinct rows by their 64-bit hash: exactly up to 128 K distinct rows, then by adaptive sampling
 * (Wegman): only hashes whose low `level` bits are zero are kept, and the count is scaled by 2^level.
 * Duplicate rows = rows − distinct rows.
 */
export class DistinctRows {
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private used = 0;
  private level = 0;

  add(h1: number, h2: number): void {
    const a = (mix32(h1) | 1) >>> 0; // never 0: a zero first word marks an empty slot
    if (this.level > 0 && (a >>> 1) & ((1 << this.level) - 1)) return;
    if (this.insert(a, h2 >>> 0) && ++this.used * 2 > this.slots.length / 2) this.grow();
  }

  get approximate(): boolean {
    return this.level > 0;
  }

  estimate(): number {
    return this.used * 2 ** this.level;
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
    const old = this.slots;
    const size = old.length / 2;
    if (size >= MAX_SLOTS) this.level++;
    this.slots = new Uint32Array(size >= MAX_SLOTS ? old.length : old.length * 2);
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
