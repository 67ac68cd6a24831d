import { describe, expect, it } from 'vitest';
import { stackEnsemble, stackFeatures } from '../../../../src/lib/automl/ensemble/stacking';
import { logisticRegressionLearner } from '../../../../src/lib/automl/linear';
import { metricByName } from '../../../../src/lib/automl/metrics';
import { Random } from '../../../../src/lib/automl/random';
import type { Target } from '../../../../src/lib/automl/types';

/** Two members that each see half of the signal: their log-odds add up. */
function members(rows: number) {
  const rng = new Random(11);
  const a = Float64Array.from({ length: rows }, () => rng.normal());
  const b = Float64Array.from({ length: rows }, () => rng.normal());
  const y = Int32Array.from(a, (v, i) => (v + b[i]! + 0.3 * rng.normal() > 0 ? 1 : 0));
  const target: Target = { task: 'binary', classes: ['0', '1'], y };
  const probs = (z: Float64Array) => {
    const p = new Float64Array(rows * 2);
    z.forEach((v, i) => {
      const q = 1 / (1 + Math.exp(-2 * v));
      p[2 * i] = 1 - q;
      p[2 * i + 1] = q;
    });
    return p;
  };
  return { target, preds: [probs(a), probs(b)] };
}

describe('stackEnsemble', () => {
  it('turns member probabilities into log-odds features', () => {
    const { target, preds } = members(10);
    const data = stackFeatures(preds, target, 10);
    expect(data.features.map((f) => f.name)).toEqual(['m0', 'm1']);
    const p = preds[0]![3]!;
    expect(data.columns[0]![1]).toBeCloseTo(Math.log(p / (1 - p)), 6);
  });

  it('learns a combination that beats each member, scored out of fold', () => {
    const { target, preds } = members(3_000);
    const auc = metricByName('AUC_weighted');
    const stack = stackEnsemble(preds, target, auc, logisticRegressionLearner, { seed: 1 });
    const best = Math.max(...preds.map((p) => auc.compute(target, p)));
    expect(stack.score).toBeGreaterThan(best + 0.05);
    expect(stack.score).toBeCloseTo(auc.compute(target, stack.predictions), 12);
    expect(stack.meta.outputs).toBe(2);
  });
});
