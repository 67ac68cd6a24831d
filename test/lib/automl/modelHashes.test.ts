import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../src/lib/automl/artifact';
import { runAutoML } from '../../../src/lib/automl/run/runAutoML';
import { splitHoldout } from '../../../src/lib/automl/validation/holdout';
import { readCsvFrame } from '../../../src/lib/data/frame/readFrame';
import { BANK_TRAIN } from '../data/bankData';
import { syntheticFrame } from './run/synthetic';

/**
 * Pins the models themselves: a fixed seed, one worker and a trial count reached inside the budget make AutoML
 * reproducible (runAutoML's contract), so a refactor that changes a model by one bit fails here. The hash covers
 * what decides predictions (task, classes, featurizer, members, threshold), not the artifact's self-description,
 * which may grow across format versions.
 */
function modelHash(artifact: object): string {
  const { task, target, classes, featurizer, members, threshold } = artifact as Record<string, unknown>;
  return sha256Hex(canonicalJson({ task, target, classes, featurizer, members, threshold }));
}

const fixed = { timeBudgetSeconds: 600, maxConcurrentTrials: 1, maxTrials: 5, seed: 11 } as const;

describe('models byte for byte on a fixed seed', () => {
  it('bank marketing, as the train stage splits it (holdout out first)', async () => {
    const { frame } = await readCsvFrame(BANK_TRAIN);
    const { train } = splitHoldout(frame, 1234);
    const { artifact } = await runAutoML(train, {
      ...fixed,
      maxTrials: 3,
      validation: { kind: 'holdout', fraction: 0.2 },
      target: 'y',
    });
    expect(modelHash(artifact)).toBe('e57e7157a5f1c2505f2c1d706bf05414738d7535a7597c61140dece7cb9503e6');
  });

  it('synthetic multiclass and regression', async () => {
    const multi = await runAutoML(syntheticFrame('multiclass', 800, 5), { ...fixed, target: 'target' });
    const reg = await runAutoML(syntheticFrame('regression', 800, 6), { ...fixed, target: 'target' });
    expect([modelHash(multi.artifact), modelHash(reg.artifact)]).toEqual([
      'cb1894161a2050ce8ee94b191b3a7f5816b0cedfab333654f2cfc5f184ee8463',
      '57b48138dfaf14705e65066b1c62f740172f36756f8208bcde06de8a347c3ddc',
    ]);
  });
});
