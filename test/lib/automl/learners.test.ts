import { describe, expect, it } from 'vitest';
import { allLearners, learnerByName } from '../../../src/lib/automl/learners';
import { describeLearner } from './learnerSuite';

describe('learner registry', () => {
  it('finds every learner by its unique name and refuses unknown ones', () => {
    const names = allLearners.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const l of allLearners) expect(learnerByName(l.name)).toBe(l);
    expect(() => learnerByName('svm')).toThrow(/Unknown learner/);
  });

  it('covers every task', () => {
    const tasks = new Set(allLearners.flatMap((l) => l.tasks));
    expect([...tasks].sort()).toEqual(['binary', 'multiclass', 'regression']);
  });
});

for (const spec of allLearners) describeLearner(spec);
