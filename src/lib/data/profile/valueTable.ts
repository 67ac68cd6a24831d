const EMPTY = -1;
const INITIAL_SLOTS = 64;

/**
 * Dense indices (0, 1, 2, … in first-seen order) for up to `limit` distinct strings, on the hottest path of
 * profiling and batch scoring: one lookup per cell. A `Map<string, …>` makes V8 hash every freshly parsed
 * string in the runtime; here the hash runs inline over the few characters of a typical value, and slots are
 * one Int32Array (open addressing, linear probing, at most half full), so there is no per-entry object.
 *
 * Keys are identified by a 64-bit hash (two 32-bit lanes), or, when identity is `exact`, the hash and then
 * the strings: that comparison is a runtime call costing about as much as the hash. Without it, two
 * distinct keys of a table of n are taken for one with probability about n² / 2⁶⁵ (3 × 10⁻¹² for 10,000).
 */
export class ValueTable {
  readonly keys: string[] = [];
  private lanes = new Int32Array(0);
  private slots = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  /** Where the last `find` that missed stopped, and its key's hash: `insert` puts the key there. */
  private vacant = 0;
  private readonly missed = new Int32Array(2);
  private readonly exact: boolean;

  constructor(
    private readonly limit: number,
    identity: 'hash' | 'exact',
  ) {
    this.exact = identity === 'exact';
  }

  get size(): number {
    return this.keys.length;
  }

  get full(): boolean {
    return this.keys.length >= this.limit;
  }

  /** The index of `key`, or -1 (then `insert(key)` may add it). */
  find(key: string): number {
    // The two lanes of `hashPair`, inline: a call returning them through an array costs ~4 ns a cell here.
    let a = 0x811c9dc5 | 0;
    let b = 0x9e3779b9 ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    const slots = this.slots;
    const lanes = this.lanes;
    const mask = slots.length - 1;
    for (let s = (a ^ (a >>> 16)) & mask; ; s = (s + 1) & mask) {
      const k = slots[s]!;
      if (k === EMPTY) {
        this.vacant = s;
        this.missed[0] = a;
        this.missed[1] = b;
        return EMPTY;
      }
      if (lanes[2 * k] === a && lanes[2 * k + 1] === b && (!this.exact || this.keys[k] === key)) return k;
    }
  }

  /** The hash lanes of the key the last `find` missed (those of `hashPair`), valid until the next `find`. */
  get missedHash(): Int32Array {
    return this.missed;
  }

  /** Adds `key`, which the previous call to `find` missed, and returns its index. */
  insert(key: string): number {
    const k = this.keys.length;
    this.keys.push(key);
    if (2 * k === this.lanes.length) {
      const grown = new Int32Array(Math.max(32, 4 * k));
      grown.set(this.lanes);
      this.lanes = grown;
    }
    this.lanes[2 * k] = this.missed[0]!;
    this.lanes[2 * k + 1] = this.missed[1]!;
    this.slots[this.vacant] = k;
    if (2 * (k + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    return k;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size).fill(EMPTY);
    const mask = size - 1;
    for (let k = 0; k < this.keys.length; k++) {
      const h = this.lanes[2 * k]!;
      let s = (h ^ (h >>> 16)) & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = k;
    }
    this.slots = slots;
  }
}
