import { describe, expect, it } from 'vitest';
import { orderByScoreDesc } from '../../../../src/lib/automl/metrics/scoreOrder';
import { Random } from '../../../../src/lib/automl/random';

/** The definition: descending score, ties (including -0 and 0) in index order. */
function reference(scores: Float64Array): Int32Array {
  return Int32Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

describe('orderByScoreDesc', () => {
  it('orders large inputs (the radix path) exactly as the comparator: ties, signs, extremes', () => {
    const rng = new Random(7);
    const special = [0, -0, 1, -1, 1e-300, -1e-300, 5e-324, Infinity, -Infinity, 1e300, 0.5];
    const scores = Float64Array.from({ length: 20_000 }, (_, i) =>
      i % 5 === 0 ? special[rng.int(special.length)]! : i % 3 === 0 ? rng.int(20) / 4 - 2 : rng.normal() * 1e3,
    );
    expect(orderByScoreDesc(scores)).toEqual(reference(scores));
  });

  it('keeps index order when every score is the same, and handles small inputs', () => {
    const same = new Float64Array(10_000).fill(0.25);
    expect(orderByScoreDesc(same)).toEqual(Int32Array.from(same.keys()));
    const small = Float64Array.of(0.2, 0.9, 0.2, -0, 0, 0.9);
    expect(Array.from(orderByScoreDesc(small))).toEqual([1, 5, 0, 2, 3, 4]);
    expect(orderByScoreDesc(new Float64Array(0))).toEqual(new Int32Array(0));
  });

  it('orders probabilities with few distinct values, as batch scoring produces', () => {
    const rng = new Random(3);
    const scores = Float64Array.from({ length: 50_000 }, () => Math.round(rng.next() * 300) / 300);
    expect(orderByScoreDesc(scores)).toEqual(reference(scores));
  });
});
