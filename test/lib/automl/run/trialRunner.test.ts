import { describe, expect, it } from 'vitest';
import { encodeTarget, fitFeaturizer } from '../../../../src/lib/automl/featurize';
import { learnerByName } from '../../../../src/lib/automl/learners';
import { Random } from '../../../../src/lib/automl/random';
import { inlineRunner, poolRunner } from '../../../../src/lib/automl/run/trialRunner';
import { planValidation } from '../../../../src/lib/automl/validation/plan';
import { syntheticFrame } from './synthetic';

function trialData() {
  const frame = syntheticFrame('binary', 400, 3);
  const data = fitFeaturizer(frame, { target: 'target' }).transform(frame);
  const target = encodeTarget(frame, 'target');
  const folds = planValidation(target, { kind: 'cv', folds: 3 }, new Random(1)).folds;
  return { data, target, weights: undefined, folds };
}

describe('trial runners', () => {
  const request = {
    kind: 'trial',
    id: 0,
    learner: 'logistic_regression',
    params: { C: 1 },
    seed: 1,
    deadline: Date.now() + 60_000,
  } as const;

  it('give the same predictions in worker threads (shared memory) as in this thread', async () => {
    const d = trialData();
    const inline = inlineRunner(d, learnerByName);
    // Workers load the compiled worker from dist/ (npm test builds first).
    const pool = await poolRunner(d, 2);
    try {
      const [a, b, c] = await Promise.all([
        inline.trial(request),
        pool.trial(request),
        pool.trial({ ...request, id: 1, params: { C: 0.1 } }),
      ]);
      expect(a.status).toBe('ok');
      expect(b.status).toBe('ok');
      expect(c.status).toBe('ok');
      expect(Array.from(b.predictions!)).toEqual(Array.from(a.predictions!));
      expect(b.models).toHaveLength(3);
      const refit = await pool.refit({ ...request, kind: 'refit' });
      expect(refit.status).toBe('ok');
      expect(learnerByName('logistic_regression').load(refit.model).outputs).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('reports a failing fit as a failed trial instead of throwing', async () => {
    const d = trialData();
    const runner = inlineRunner(d, learnerByName);
    const outcome = await runner.trial({ ...request, params: { C: -5 } });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toBeTruthy();
  });
});
