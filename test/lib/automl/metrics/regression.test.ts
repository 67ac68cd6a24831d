import { describe, expect, it } from 'vitest';
import { metricByName, regressionReport } from '../../../../src/lib/automl/metrics';
import type { Target } from '../../../../src/lib/automl/types';

const target = (y: number[]): Target => ({ task: 'regression', y: Float64Array.from(y) });

describe('regression metrics', () => {
  it('match hand-computed values', () => {
    const r = regressionReport(target([1, 2, 3, 4]), Float64Array.from([1, 2, 3, 5]));
    expect(r['root_mean_squared_error']).toBeCloseTo(0.5, 12);
    expect(r['normalized_root_mean_squared_error']).toBeCloseTo(0.5 / 3, 12);
    expect(r['mean_absolute_error']).toBeCloseTo(0.25, 12);
    expect(r['r2_score']).toBeCloseTo(0.8, 12);
    expect(r['spearman_correlation']).toBeCloseTo(1, 12);
  });

  it('averages tied ranks in Spearman correlation', () => {
    const rho = metricByName('spearman_correlation').compute(target([1, 2, 2, 3]), Float64Array.from([1, 3, 2, 4]));
    expect(rho).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });

  it('handles a constant truth and a constant prediction', () => {
    expect(metricByName('r2_score').compute(target([2, 2]), Float64Array.from([2, 2]))).toBe(1);
    expect(metricByName('r2_score').compute(target([2, 2]), Float64Array.from([1, 2]))).toBe(0);
    expect(metricByName('spearman_correlation').compute(target([1, 2, 3]), Float64Array.from([5, 5, 5]))).toBeNaN();
    expect(metricByName('r2_score').compute(target([1, 2, 3]), Float64Array.from([2, 2, 2]))).toBeCloseTo(0, 12);
  });
});
