import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  binaryAuc,
  calibrationBins,
  precisionRecallCurve,
  rocCurve,
} from '../../../../src/lib/automl/metrics';
import { binary, binaryProbs } from './helpers';

const y = Uint8Array.from([0, 0, 1, 1]);
const s = Float64Array.from([0.1, 0.4, 0.35, 0.8]);

describe('ranking metrics', () => {
  it('computes AUC and average precision as sklearn documents for its example', () => {
    expect(binaryAuc(y, s)).toBeCloseTo(0.75, 12);
    // Step-wise: 0.5·1 + 0·0.5 + 0.5·(2/3).
    expect(averagePrecision(y, s)).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('gives tied scores half credit in AUC', () => {
    const tied = Float64Array.from([0.5, 0.5, 0.2, 0.9]);
    expect(binaryAuc(Uint8Array.from([0, 1, 0, 1]), tied)).toBeCloseTo(3.5 / 4, 12);
    expect(binaryAuc(Uint8Array.from([0, 1, 0, 1]), Float64Array.from([1, 1, 1, 1]))).toBe(0.5);
  });

  it('draws the ROC curve of sklearn example', () => {
    const roc = rocCurve(y, s);
    expect(roc.map((p) => p.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(roc.map((p) => p.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(roc.map((p) => p.threshold)).toEqual([Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1]);
  });

  it('drops collinear ROC points', () => {
    const roc = rocCurve(Uint8Array.from([1, 1, 1, 0, 0, 0]), Float64Array.from([6, 5, 4, 3, 2, 1]));
    expect(roc.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
  });

  it('stops the PR curve at full recall', () => {
    const pr = precisionRecallCurve(y, s);
    expect(pr.map((p) => p.recall)).toEqual([0.5, 0.5, 1]);
    expect(pr.map((p) => p.precision)).toEqual([1, 0.5, 2 / 3]);
  });

  it('bins probabilities for a reliability diagram', () => {
    const bins = calibrationBins(binary([0, 1, 1, 0]), binaryProbs([0.05, 0.15, 0.95, 0.92]), { bins: 10 });
    expect(bins.map((b) => [b.lower, b.count, b.fractionPositive])).toEqual([
      [0, 1, 0],
      [0.1, 1, 1],
      [0.9, 2, 0.5],
    ]);
    expect(bins[2]!.meanPredicted).toBeCloseTo(0.935, 12);
  });
});
