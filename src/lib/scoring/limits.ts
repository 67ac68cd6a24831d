import { userError } from '../errors';

/** Request limits of the scoring endpoint; app settings SCORING_MAX_ROWS and SCORING_MAX_BODY_BYTES override. */
export interface ScoringLimits {
  readonly maxRows: number;
  readonly maxBodyBytes: number;
}

export const DEFAULT_SCORING_LIMITS: ScoringLimits = { maxRows: 10_000, maxBodyBytes: 16 * 1024 * 1024 };

export function scoringLimitsFrom(env: Record<string, string | undefined>): ScoringLimits {
  return {
    maxRows: positive(env, 'SCORING_MAX_ROWS') ?? DEFAULT_SCORING_LIMITS.maxRows,
    maxBodyBytes: positive(env, 'SCORING_MAX_BODY_BYTES') ?? DEFAULT_SCORING_LIMITS.maxBodyBytes,
  };
}

function positive(env: Record<string, string | undefined>, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw userError('invalid_settings', `App setting ${name} must be a positive integer, not '${text}'`);
  }
  return n;
}
