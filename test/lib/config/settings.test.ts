import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../src/lib/config/settings';
import { AppError } from '../../../src/lib/errors';

describe('settings', () => {
  it('applies the documented defaults', () => {
    expect(parseSettings({})).toMatchObject({
      RETRAIN_SCHEDULE: '0 0 */4 * * *',
      RETRAIN_POLICY: 'new-data',
      AUTOML_TIME_BUDGET_SECONDS: 60,
      AUTOML_PRIMARY_METRIC: 'AUC_weighted',
      AUTOML_REGRESSION_PRIMARY_METRIC: 'r2_score',
      DEPLOY_MIN_IMPROVEMENT: 0,
      SEED_DEMO: true,
    });
    expect(
      parseSettings({ APPLICATIONINSIGHTS_CONNECTION_STRING: ' ' }).APPLICATIONINSIGHTS_CONNECTION_STRING,
    ).toBeUndefined();
  });

  it('reads strings as Azure app settings are strings', () => {
    expect(
      parseSettings({ AUTOML_TIME_BUDGET_SECONDS: '10', SEED_DEMO: 'false', RETRAIN_POLICY: 'always' }),
    ).toMatchObject({ AUTOML_TIME_BUDGET_SECONDS: 10, SEED_DEMO: false, RETRAIN_POLICY: 'always' });
  });

  it('names each invalid setting', () => {
    try {
      parseSettings({ AUTOML_TIME_BUDGET_SECONDS: 'soon', RETRAIN_POLICY: 'sometimes' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).details.map((d) => d.path).sort()).toEqual([
        'AUTOML_TIME_BUDGET_SECONDS',
        'RETRAIN_POLICY',
      ]);
    }
  });

  it('checks each default primary metric against its own task', () => {
    expect(() => parseSettings({ AUTOML_PRIMARY_METRIC: 'r2_score' })).toThrow(AppError);
    expect(() => parseSettings({ AUTOML_REGRESSION_PRIMARY_METRIC: 'accuracy' })).toThrow(AppError);
    expect(parseSettings({ AUTOML_REGRESSION_PRIMARY_METRIC: 'spearman_correlation' })).toMatchObject({
      AUTOML_PRIMARY_METRIC: 'AUC_weighted',
      AUTOML_REGRESSION_PRIMARY_METRIC: 'spearman_correlation',
    });
  });
});
