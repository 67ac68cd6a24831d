import { describe, expect, it } from 'vitest';
import { fromUnit, paramsKey, toUnit, unitSpace } from '../../../../src/lib/automl/search/space';

const space = unitSpace({
  leaves: { type: 'int', low: 4, high: 256, log: true, init: 31 },
  rate: { type: 'float', low: 0.01, high: 1, log: true, init: 0.1 },
  fraction: { type: 'float', low: 0.5, high: 1, init: 1 },
  mode: { type: 'choice', values: ['a', 'b', 'c'], init: 'b' },
});

describe('unit space', () => {
  it('round-trips parameters through the unit cube', () => {
    const params = { leaves: 31, rate: 0.1, fraction: 0.75, mode: 'c' };
    expect(fromUnit(space, toUnit(space, params))).toEqual({
      leaves: 31,
      rate: expect.closeTo(0.1, 10),
      fraction: expect.closeTo(0.75, 10),
      mode: 'c',
    });
  });
  it('maps log domains geometrically and clamps the edges', () => {
    const at: Record<string, number> = { leaves: 0.5, rate: 0.5, fraction: 2, mode: -1 };
    const mid = fromUnit(
      space,
      Float64Array.from(space.names, (n) => at[n]!),
    );
    expect(mid.leaves).toBe(32);
    expect(mid.rate).toBeCloseTo(0.1, 10);
    expect(mid.fraction).toBe(1);
    expect(mid.mode).toBe('a');
  });
  it('keys parameters independently of their order', () => {
    expect(paramsKey({ a: 1, b: 'x' })).toBe(paramsKey({ b: 'x', a: 1 }));
  });
});
