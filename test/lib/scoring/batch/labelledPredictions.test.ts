import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../../src/lib/automl/artifact';
import { classificationReport } from '../../../../src/lib/automl/metrics';
import { LabelledPredictions } from '../../../../src/lib/scoring/batch/labelledPredictions';

const probabilities = (p: number[]) => Float64Array.from(p.flatMap((x) => [1 - x, x]));
const binary = (p: number[]): Prediction => ({
  task: 'binary',
  probabilities: probabilities(p),
  labels: p.map((x) => (x >= 0.5 ? 'yes' : 'no')),
  unseenCategories: 0,
});

describe('LabelledPredictions', () => {
  it('gives the metrics module’s figures on the labelled rows, skipping unlabelled ones', () => {
    const collected = new LabelledPredictions(['no', 'yes'], undefined);
    collected.add(Int32Array.from([0, 1, -1]), binary([0.2, 0.7, 0.9]));
    collected.add(Int32Array.from([1, 0]), binary([0.4, 0.6]));
    const report = collected.report()!;
    const expected = classificationReport(
      { task: 'binary', classes: ['no', 'yes'], y: Int32Array.from([0, 1, 1, 0]) },
      probabilities([0.2, 0.7, 0.4, 0.6]),
    );
    expect(report).toMatchObject({ rows: 4, unlabelled: 1, beyondLimit: 0 });
    expect(report.values['AUC_weighted']).toBe(expected['AUC_weighted']);
    expect(report.confusionMatrix?.matrix).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('keeps at most maxRows labelled rows and counts the rest', () => {
    const collected = new LabelledPredictions(['no', 'yes'], undefined, 3);
    collected.add(Int32Array.from([0, 1]), binary([0.2, 0.7]));
    collected.add(Int32Array.from([1, 0, 1]), binary([0.4, 0.6, 0.9]));
    collected.add(Int32Array.from([0]), binary([0.1]));
    expect(collected.report()).toMatchObject({ rows: 3, unlabelled: 0, beyondLimit: 3 });
  });
});
