import { describe, expect, it } from 'vitest';
import { type Challenge, decideDeployment } from '../../../src/lib/pipeline/championChallenger';
import type { Deployment } from '../../../src/lib/registry/documents';

const champion: Deployment = {
  schema: 'deployment/v1',
  dataset: 'bank',
  modelVersion: 1,
  deployedAt: '2026-01-01T00:00:00Z',
  history: [],
};

function challenge(score: number, championScore: number | undefined, extra: Partial<Challenge> = {}): Challenge {
  return {
    at: '2026-01-02T00:00:00Z',
    runId: 'r2',
    metric: 'AUC_weighted',
    greaterIsBetter: true,
    minImprovement: 0,
    challenger: { version: 2, score },
    championScore,
    ...extra,
  };
}

describe('decideDeployment', () => {
  it('promotes when there is no champion', () => {
    expect(decideDeployment(undefined, challenge(0.9, undefined))).toMatchObject({
      action: 'promoted',
      modelVersion: 2,
      reason: 'no champion deployed',
    });
  });

  it('keeps a challenger that is already the deployed model', () => {
    const deployed = { ...champion, modelVersion: 2 };
    expect(decideDeployment(deployed, challenge(0.9, undefined))).toMatchObject({
      action: 'champion-kept',
      reason: 'already deployed',
    });
  });

  it('promotes a better challenger and records both scores', () => {
    expect(decideDeployment(champion, challenge(0.95, 0.94))).toMatchObject({
      action: 'promoted',
      modelVersion: 2,
      previousVersion: 1,
      challengerScore: 0.95,
      championScore: 0.94,
    });
  });

  it('keeps the champion on a tie or a gain below the minimum improvement', () => {
    expect(decideDeployment(champion, challenge(0.94, 0.94)).action).toBe('champion-kept');
    expect(decideDeployment(champion, challenge(0.945, 0.94, { minImprovement: 0.01 })).action).toBe('champion-kept');
    expect(decideDeployment(champion, challenge(0.951, 0.94, { minImprovement: 0.01 })).action).toBe('promoted');
  });

  it('respects metrics where lower is better', () => {
    const lower = { metric: 'log_loss', greaterIsBetter: false };
    expect(decideDeployment(champion, challenge(0.2, 0.3, lower)).action).toBe('promoted');
    expect(decideDeployment(champion, challenge(0.4, 0.3, lower)).action).toBe('champion-kept');
  });
});
