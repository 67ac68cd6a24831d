import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../../../src/lib/automl/linear';

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const a = x[0]!;
        const b = x[1]!;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { maxIterations: 500, gradientTolerance: 1e-8, relativeTolerance: 0 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('stops at the deadline and reports each iteration', () => {
    const seen: number[] = [];
    const result = minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * (x[0]! - 3);
        return (x[0]! - 3) ** 2;
      },
      Float64Array.from([0]),
      { maxIterations: 100, gradientTolerance: 1e-10, relativeTolerance: 0, onIteration: (i) => seen.push(i) },
    );
    expect(result.x[0]).toBeCloseTo(3, 8);
    expect(seen[0]).toBe(0);
    const slope = (x: Float64Array, g: Float64Array): number => {
      g[0] = 1;
      return x[0]!;
    };
    const stopped = minimizeLbfgs(slope, Float64Array.from([0]), {
      maxIterations: 100,
      gradientTolerance: 0,
      relativeTolerance: 0,
      deadline: Date.now() - 1,
    });
    expect(stopped).toMatchObject({ iterations: 0, converged: false });
  });
});
