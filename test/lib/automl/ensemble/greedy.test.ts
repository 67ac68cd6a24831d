import { describe, expect, it } from 'vitest';
import { blend, greedyEnsemble } from '../../../../src/lib/automl/ensemble/greedy';
import { votingEnsemble } from '../../../../src/lib/automl/ensemble/voting';
import { metricByName } from '../../../../src/lib/automl/metrics';
import { Random } from '../../../../src/lib/automl/random';
import type { Target } from '../../../../src/lib/automl/types';

function problem(rows: number) {
  const rng = new Random(5);
  const y = Float64Array.from({ length: rows }, () => rng.normal());
  const noisy = (scale: number) => Float64Array.from(y, (v) => v + scale * rng.normal());
  const target: Target = { task: 'regression', y };
  // Two independent, equally good models, a worse one, and a useless (far-off) constant.
  return { target, candidates: [noisy(0.5), noisy(0.5), noisy(1.5), new Float64Array(rows).fill(5)] };
}

describe('greedyEnsemble', () => {
  const r2 = metricByName('r2_score');

  it('blends complementary models and ignores useless ones', () => {
    const { target, candidates } = problem(2_000);
    const best = Math.max(...candidates.map((c) => r2.compute(target, c)));
    const selection = greedyEnsemble(candidates, target, r2);
    expect(selection.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(selection.weights[0]).toBeGreaterThan(0.2);
    expect(selection.weights[1]).toBeGreaterThan(0.2);
    expect(selection.weights[3]).toBe(0);
    expect(selection.score).toBeGreaterThan(best + 0.02);
    expect(selection.score).toBeCloseTo(r2.compute(target, blend(candidates, selection.weights)), 12);
  });

  it('never does worse than the best single model', () => {
    const { target, candidates } = problem(500);
    const only = [candidates[0]!, candidates[3]!];
    const selection = greedyEnsemble(only, target, r2);
    expect(Array.from(selection.weights)).toEqual([1, 0]);
  });

  it('handles a lower-is-better metric', () => {
    const { target, candidates } = problem(1_000);
    const rmse = metricByName('root_mean_squared_error');
    const selection = greedyEnsemble(candidates, target, rmse);
    expect(selection.score).toBeLessThan(Math.min(...candidates.map((c) => rmse.compute(target, c))));
  });
});

describe('votingEnsemble', () => {
  it('reports an out-of-fold score and ships weights chosen on every row', () => {
    const { target, candidates } = problem(2_000);
    const r2 = metricByName('r2_score');
    const voting = votingEnsemble(candidates, target, r2, { seed: 1 });
    expect(Array.from(voting.weights)).toEqual(Array.from(greedyEnsemble(candidates, target, r2).weights));
    expect(voting.score).toBeCloseTo(r2.compute(target, voting.predictions), 12);
    expect(voting.score).toBeGreaterThan(Math.max(...candidates.map((c) => r2.compute(target, c))));
  });
});
