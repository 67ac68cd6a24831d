/**
 * Row order for ranking metrics: indices by score, descending, ties in index order (deterministic). Large inputs
 * (batch scoring's millions of rows) use a stable LSD radix sort on the scores' bits, four 16-bit digits, which is
 * linear; a comparator sort over two million rows took seconds. Small inputs keep the comparator, whose set-up is
 * cheaper. Both give the same order; -0 ranks as 0.
 */
const RADIX_MIN = 4096;
const DIGIT = 1 << 16;

export function orderByScoreDesc(scores: Float64Array): Int32Array {
  return scores.length < RADIX_MIN ? comparatorOrder(scores) : radixOrder(scores);
}

function comparatorOrder(scores: Float64Array): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order;
}

function radixOrder(scores: Float64Array): Int32Array {
  const n = scores.length;
  // Keys whose unsigned order is the scores' descending order: IEEE bits with negatives flipped whole and
  // positives' sign flipped give ascending order; complementing that gives descending.
  // A plain loop: Float64Array.from with a mapping function is many times slower on millions of rows.
  const normalized = new Float64Array(n);
  for (let i = 0; i < n; i++) normalized[i] = scores[i]! + 0;
  const bits = new Uint32Array(normalized.buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1]!;
    let l = bits[2 * i]!;
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else h ^= 0x80000000;
    hi[i] = ~h;
    lo[i] = ~l;
    order[i] = i;
  }
  let nextLo = new Uint32Array(n);
  let nextHi = new Uint32Array(n);
  let nextOrder = new Int32Array(n);
  const counts = new Int32Array(DIGIT);
  for (let pass = 0; pass < 4; pass++) {
    const shift = (pass & 1) * 16;
    const keys = pass < 2 ? lo : hi;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
    // A digit every key shares leaves the order as it is.
    if (counts[(keys[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < DIGIT; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i]! >>> shift) & 0xffff]!++;
      nextLo[at] = lo[i]!;
      nextHi[at] = hi[i]!;
      nextOrder[at] = order[i]!;
    }
    [lo, nextLo] = [nextLo, lo];
    [hi, nextHi] = [nextHi, hi];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}
