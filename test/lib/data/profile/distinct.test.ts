import { describe, expect, it } from 'vitest';
import { HyperLogLog } from '../../../../src/lib/data/profile/distinct';
import { hashPair } from '../../../../src/lib/data/profile/hash';

function hllOf(from: number, to: number): HyperLogLog {
  const hll = new HyperLogLog();
  const h = new Uint32Array(2);
  for (let i = from; i < to; i++) {
    hashPair(`value-${i}`, h);
    hll.add(h[0]!);
  }
  return hll;
}

describe('HyperLogLog merging', () => {
  it('gives the registers, and so the estimate, of one estimator fed both streams (overlap counted once)', () => {
    const serial = hllOf(0, 150_000);
    const merged = hllOf(0, 100_000);
    merged.absorb(structuredClone(hllOf(50_000, 150_000).state()));
    expect(merged.state()).toEqual(serial.state());
    expect(merged.estimate()).toBe(serial.estimate());
  });
});
