import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../../src/lib/automl/artifact';
import { LabelledPredictions, MISSING_TARGET, UNSEEN_LABEL } from '../../../../src/lib/automl/evaluate';
import { classificationReport, regressionReport } from '../../../../src/lib/automl/metrics';

const probabilities = (p: number[]) => Float64Array.from(p.flatMap((x) => [1 - x, x]));
const binary = (p: number[]): Prediction => ({
  task: 'binary',
  probabilities: probabilities(p),
  labels: p.map((x) => (x >= 0.5 ? 'yes' : 'no')),
  unseenCategories: 0,
});
const model = { task: 'binary', classes: ['no', 'yes'], threshold: undefined } as const;

describe('LabelledPredictions', () => {
  it('gives the metrics module’s figures on the scorable rows, counting the rows left out', () => {
    const collected = new LabelledPredictions(model);
    collected.add(Int32Array.from([0, 1, MISSING_TARGET, UNSEEN_LABEL]), binary([0.2, 0.7, 0.9, 0.3]));
    collected.add(Int32Array.from([1, 0]), binary([0.4, 0.6]));
    const result = collected.result();
    const expected = classificationReport(
      { task: 'binary', classes: ['no', 'yes'], y: Int32Array.from([0, 1, 1, 0]) },
      probabilities([0.2, 0.7, 0.4, 0.6]),
    );
    expect(result).toMatchObject({ rows: 4, missingTarget: 1, unseenLabels: 1, beyondLimit: 0 });
    expect(result.metrics).toEqual(expected);
    expect(result.confusionMatrix?.matrix).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('keeps at most maxRows scorable rows and counts the rest', () => {
    const collected = new LabelledPredictions(model, 3);
    collected.add(Int32Array.from([0, 1]), binary([0.2, 0.7]));
    collected.add(Int32Array.from([1, 0, 1]), binary([0.4, 0.6, 0.9]));
    collected.add(Int32Array.from([0]), binary([0.1]));
    expect(collected.result()).toMatchObject({ rows: 3, missingTarget: 0, unseenLabels: 0, beyondLimit: 3 });
  });

  it('counts a missing regression target and reports no metrics when no row is scorable', () => {
    const regression = new LabelledPredictions({ task: 'regression', classes: [], threshold: undefined });
    const values = Float64Array.from([1, 2, 3]);
    regression.add(Float64Array.from([1, Number.NaN, 2.5]), { task: 'regression', values, unseenCategories: 0 });
    const result = regression.result();
    expect(result).toMatchObject({ rows: 2, missingTarget: 1, unseenLabels: 0 });
    expect(result.metrics).toEqual(
      regressionReport({ task: 'regression', y: Float64Array.from([1, 2.5]) }, Float64Array.from([1, 3])),
    );
    const empty = new LabelledPredictions(model);
    expect(empty.offered).toBe(false);
    empty.add(Int32Array.from([UNSEEN_LABEL]), binary([0.5]));
    expect(empty.offered).toBe(true);
    expect(empty.result()).toEqual({ rows: 0, missingTarget: 0, unseenLabels: 1, beyondLimit: 0, metrics: {} });
  });
});
