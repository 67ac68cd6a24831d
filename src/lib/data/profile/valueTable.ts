const EMPTY = -1;
const INITIAL_SLOTS = 64;

/**
 * Dense indices (0, 1, 2, … in first-seen order) for up to `limit` distinct strings. It replaces a
 * `Map<string, Entry>` on the hottest path of profiling, one lookup per cell: V8 hashes every freshly parsed
 * string in the runtime before probing, while here FNV-1a runs inline over the few characters of a typical
 * value, the stored hash settles most mismatches, and slots are one Int32Array (open addressing, linear
 * probing, at most half full), so there is no per-entry object.
 */
export class ValueTable {
  readonly keys: string[] = [];
  private hashes = new Int32Array(0);
  private slots = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  /** Where the last `find` that missed stopped: `insert` puts the key there. */
  private vacant = 0;
  private vacantHash = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.keys.length;
  }

  get full(): boolean {
    return this.keys.length >= this.limit;
  }

  /** The index of `key`, or -1 (then `insert(key)` may add it). */
  find(key: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = (h ^ (h >>> 16)) & mask; ; s = (s + 1) & mask) {
      const k = slots[s]!;
      if (k === EMPTY) {
        this.vacant = s;
        this.vacantHash = h;
        return EMPTY;
      }
      if (this.hashes[k] === h && this.keys[k] === key) return k;
    }
  }

  /** Adds `key`, which the previous call to `find` missed, and returns its index. */
  insert(key: string): number {
    const k = this.keys.length;
    this.keys.push(key);
    if (k === this.hashes.length) {
      const grown = new Int32Array(Math.max(16, k * 2));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[k] = this.vacantHash;
    this.slots[this.vacant] = k;
    if (2 * (k + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    return k;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size).fill(EMPTY);
    const mask = size - 1;
    for (let k = 0; k < this.keys.length; k++) {
      const h = this.hashes[k]!;
      let s = (h ^ (h >>> 16)) & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = k;
    }
    this.slots = slots;
  }
}
