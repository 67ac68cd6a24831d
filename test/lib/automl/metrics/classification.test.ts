import { describe, expect, it } from 'vitest';
import { classificationReport, confusionMatrix, metricByName } from '../../../../src/lib/automl/metrics';
import { binary, binaryProbs, multiclass } from './helpers';

// Three classes, argmax labels 0, 1, 2, 1 against truth 0, 1, 2, 2 (worked by hand below).
const target = multiclass(['a', 'b', 'c'], [0, 1, 2, 2]);
const probs = Float64Array.from([0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3]);

describe('classification metrics', () => {
  it('match hand-computed values on a three-class example', () => {
    const r = classificationReport(target, probs);
    expect(r['accuracy']).toBeCloseTo(0.75, 12);
    // precision per class 1, 0.5, 1; recall 1, 1, 0.5; F1 1, 2/3, 2/3; support 1, 1, 2.
    expect(r['precision_score_weighted']).toBeCloseTo(0.875, 12);
    expect(r['recall_score_weighted']).toBeCloseTo(0.75, 12);
    expect(r['f1_score_weighted']).toBeCloseTo(0.75, 12);
    expect(r['precision_score_macro']).toBeCloseTo(2.5 / 3, 12);
    expect(r['recall_score_macro']).toBeCloseTo(2.5 / 3, 12);
    expect(r['f1_score_macro']).toBeCloseTo(7 / 9, 12);
    expect(r['balanced_accuracy']).toBeCloseTo(2.5 / 3, 12);
    expect(r['norm_macro_recall']).toBeCloseTo((2.5 / 3 - 1 / 3) / (2 / 3), 12);
    // AUC per class 1, 1, 0.875 (a tie between 0.3s counts half), weighted by support 1, 1, 2.
    expect(r['AUC_weighted']).toBeCloseTo(0.9375, 12);
    expect(r['log_loss']).toBeCloseTo(-(Math.log(0.6) + Math.log(0.5) + Math.log(0.6) + Math.log(0.3)) / 4, 12);
  });

  it('builds the confusion matrix as truth × predicted', () => {
    expect(confusionMatrix(target, probs)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 1],
    ]);
  });

  it('applies a binary threshold to label metrics', () => {
    const t = binary([0, 1, 1, 0]);
    const p = binaryProbs([0.2, 0.4, 0.9, 0.35]);
    expect(metricByName('accuracy').compute(t, p)).toBeCloseTo(0.75, 12);
    expect(metricByName('accuracy').compute(t, p, { threshold: 0.38 })).toBeCloseTo(1, 12);
  });

  it('skips a class missing from a fold in weighted AUC and balanced accuracy', () => {
    const t = multiclass(['a', 'b', 'c'], [0, 2, 2]);
    const p = Float64Array.from([0.6, 0.3, 0.1, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3]);
    const r = classificationReport(t, p);
    // Class a: AUC 1 (0.6 vs 0.1, 0.3); class c: positives 0.6, 0.3 vs negative 0.1 → 1.
    expect(r['AUC_weighted']).toBeCloseTo(1, 12);
    // Recall a = 1, c = 1/2; b is absent from the truth so balanced accuracy ignores it.
    expect(r['balanced_accuracy']).toBeCloseTo(0.75, 12);
    // Macro recall includes b (predicted once, never true → recall 0 by zero_division).
    expect(r['recall_score_macro']).toBeCloseTo(0.5, 12);
    // Chance for 3 classes is 1/3: (0.75 − 1/3) / (2/3).
    expect(r['norm_macro_recall']).toBeCloseTo(0.625, 12);
  });

  it('scores a constant prediction as chance', () => {
    const t = binary([0, 1, 0, 1, 1]);
    const p = binaryProbs([0.5, 0.5, 0.5, 0.5, 0.5]);
    const r = classificationReport(t, p);
    expect(r['AUC_weighted']).toBe(0.5);
    expect(r['norm_macro_recall']).toBe(0);
    expect(r['balanced_accuracy']).toBe(0.5);
    // One threshold: precision = prevalence of each class at recall 1; weighted by support 2 and 3.
    expect(r['average_precision_score_weighted']).toBeCloseTo((2 * 0.4 + 3 * 0.6) / 5, 12);
    expect(r['precision_score_macro']).toBeCloseTo(0.2, 12);
    expect(r['log_loss']).toBeCloseTo(Math.log(2), 12);
  });

  it('returns NaN for AUC when the truth has a single class and clips log loss', () => {
    const t = binary([1, 1]);
    const p = binaryProbs([1, 0]);
    const r = classificationReport(t, p);
    expect(r['AUC_weighted']).toBeNaN();
    expect(r['log_loss']).toBeCloseTo(-Math.log(1e-15) / 2, 6);
  });

  it('states which direction is better', () => {
    expect(metricByName('log_loss').greaterIsBetter).toBe(false);
    expect(metricByName('AUC_weighted').greaterIsBetter).toBe(true);
    expect(metricByName('root_mean_squared_error').greaterIsBetter).toBe(false);
    expect(() => metricByName('auc')).toThrow(/Unknown metric/);
  });

  it('rejects a regression target and a buffer of the wrong size', () => {
    expect(() =>
      metricByName('accuracy').compute({ task: 'regression', y: new Float64Array(2) }, new Float64Array(2)),
    ).toThrow(/classification target/);
    expect(() => metricByName('accuracy').compute(binary([0, 1]), new Float64Array(3))).toThrow(/expected 2×2/);
  });
});
