import { userError } from '../errors';
import { extraTreesLearner, randomForestLearner } from './forest';
import { gbdtLearner } from './gbdt';
import { logisticRegressionLearner, ridgeLearner } from './linear';
import type { LearnerSpec } from './types';

/** Every model family the engine can train, in the order a search tries them (cheap and strong first). */
export const allLearners: readonly LearnerSpec[] = [
  gbdtLearner,
  logisticRegressionLearner,
  randomForestLearner,
  extraTreesLearner,
  ridgeLearner,
];

const byName = new Map(allLearners.map((l) => [l.name, l]));

export function learnerByName(name: string): LearnerSpec {
  const learner = byName.get(name);
  if (!learner) {
    throw userError('unknown_learner', `Unknown learner "${name}"`, {
      hint: `Known learners: ${allLearners.map((l) => l.name).join(', ')}`,
    });
  }
  return learner;
}
