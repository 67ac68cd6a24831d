import type { LearnerSpec, Params } from '../../../../src/lib/automl/types';

/** A learner the searcher can schedule; fitting is never called by search tests. */
export function fakeSpec(name: string, relativeCost: number, defaults: Params = { x: 0.9, depth: 3 }): LearnerSpec {
  return {
    name,
    tasks: ['binary', 'multiclass', 'regression'],
    searchSpace: {
      x: { type: 'float', low: 0, high: 1, init: 0.9 },
      depth: { type: 'int', low: 1, high: 12, init: 3 },
    },
    defaults,
    relativeCost,
    fit: () => {
      throw new Error('not used');
    },
    load: () => {
      throw new Error('not used');
    },
  };
}
