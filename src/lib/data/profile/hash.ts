/**
 * Two independent 32-bit hashes of a string in one loop (FNV-1a and a multiply-xorshift variant): one feeds the
 * distinct-count estimator, the pair identifies rows for duplicate counting (a 64-bit key).
 */
export function hashPair(s: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = a;
  out[1] = b;
}

/** Final avalanche (murmur3 fmix32) so the low and high bits of a hash are both usable. */
export function mix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
