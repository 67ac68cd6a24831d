import { describe, expect, it } from 'vitest';
import { automlConfigSchema, parseAutomlConfig } from '../../../../src/lib/data/analysis/automlConfig';
import { isAppError } from '../../../../src/lib/errors';

function issue(input: unknown) {
  try {
    parseAutomlConfig(input);
  } catch (err) {
    if (isAppError(err)) return { code: err.code, paths: err.details.map((d) => d.path) };
  }
  return undefined;
}

describe('automl.json', () => {
  it('fills defaults and accepts its text or parsed form', () => {
    const full = {
      target: 'y',
      task: 'binary',
      primaryMetric: 'AUC_weighted',
      budgetSeconds: 120,
      allowedModels: ['lgbm'],
      autoTrain: false,
    };
    expect(parseAutomlConfig(JSON.stringify(full))).toEqual({ version: 1, ...full });
    expect(parseAutomlConfig({})).toEqual({ version: 1, autoTrain: true });
    expect(automlConfigSchema.safeParse({ version: 2 }).success).toBe(false);
  });

  it('names every wrong field', () => {
    expect(issue({ budgetSeconds: -1, task: 'binary', primaryMetric: 'r2_score' })).toEqual({
      code: 'invalid_config',
      paths: ['budgetSeconds', 'primaryMetric'],
    });
    expect(issue({ allowedModels: ['rf'], blockedModels: ['rf'] })?.paths).toEqual(['blockedModels']);
    expect(issue('{oops')).toEqual({ code: 'invalid_config', paths: ['automl.json'] });
  });
});
