import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/lib/automl/random';

describe('Random', () => {
  it('repeats the same stream for the same seed and differs across seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 8 }, () => a.uint32());
    const sb = Array.from({ length: 8 }, () => b.uint32());
    const sc = Array.from({ length: 8 }, () => c.uint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('draws floats in [0, 1) with a mean near 1/2', () => {
    const r = new Random(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('draws every integer of a small range about equally often', () => {
    const r = new Random(7);
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 10000; i++) counts[r.int(5)]! += 1;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const r = new Random(3);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  it('samples distinct indices and shuffles to a permutation', () => {
    const r = new Random(9);
    const picked = r.sample(10, 4);
    expect(new Set(picked).size).toBe(4);
    for (const i of picked) expect(i).toBeLessThan(10);
    const perm = r.shuffle([0, 1, 2, 3, 4, 5]);
    expect([...perm].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('forks independent but reproducible streams', () => {
    const f1 = new Random(5).fork();
    const f2 = new Random(5).fork();
    expect(f1.uint32()).toBe(f2.uint32());
  });
});
