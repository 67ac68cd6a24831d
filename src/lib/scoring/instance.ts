import type { AppContext } from '../app/context';
import { appContext } from '../app/instance';
import { telemetry } from '../telemetry';
import { deployedVersion, loadDeployedModel } from './deployedModel';
import { type ScoringLimits, scoringLimitsFrom } from './limits';
import { ModelCache } from './modelCache';

/** The scoring state of one Functions instance: its model cache and request limits, built once. */
export interface Scoring {
  readonly cache: ModelCache;
  readonly limits: ScoringLimits;
}

export function createScoring(ctx: AppContext, env: Record<string, string | undefined>): Scoring {
  const cache = new ModelCache(
    {
      deployedVersion: (dataset) => deployedVersion(ctx, dataset),
      load: (dataset, version) => loadDeployedModel(ctx, dataset, version),
    },
    {
      checkIntervalMs: Number(env['SCORING_MODEL_CHECK_MS']) || undefined,
      onError: (dataset, err) => telemetry().exception(err, { dataset, stage: 'model-cache' }),
    },
  );
  return { cache, limits: scoringLimitsFrom(env) };
}

let current: Scoring | undefined;

/** This instance's scoring state (shared by the score and OpenAPI functions). */
export function scoring(): Scoring {
  current ??= createScoring(appContext(), process.env);
  return current;
}

/** Tests that install other services forget the cache with them. */
export function resetScoring(): void {
  current = undefined;
}
