import type { Deployment, DeploymentEvent } from '../registry/documents';

export interface Challenge {
  readonly at: string;
  readonly runId: string;
  readonly metric: string;
  readonly greaterIsBetter: boolean;
  readonly minImprovement: number;
  readonly challenger: { readonly version: number; readonly score: number };
  /** The champion's score on the same data; undefined when there is no champion. */
  readonly championScore: number | undefined;
}

/**
 * Champion/challenger: the challenger is promoted when there is no champion, or when it beats the champion
 * on the primary metric by at least `minImprovement` in the metric's better direction; otherwise the
 * champion is kept. Both scores are recorded either way.
 */
export function decideDeployment(current: Deployment | undefined, c: Challenge): DeploymentEvent {
  const base = {
    at: c.at,
    runId: c.runId,
    metric: c.metric,
    challengerScore: c.challenger.score,
    ...(c.championScore === undefined ? {} : { championScore: c.championScore }),
  };
  if (current?.modelVersion === c.challenger.version) {
    return { ...base, action: 'champion-kept', modelVersion: c.challenger.version, reason: 'already deployed' };
  }
  if (current === undefined || c.championScore === undefined) {
    return { ...base, action: 'promoted', modelVersion: c.challenger.version, reason: 'no champion deployed' };
  }
  const gain = c.greaterIsBetter ? c.challenger.score - c.championScore : c.championScore - c.challenger.score;
  const fmt = (x: number) => x.toFixed(4);
  const previousVersion = current.modelVersion;
  if (gain > 0 && gain >= c.minImprovement) {
    return {
      ...base,
      action: 'promoted',
      modelVersion: c.challenger.version,
      previousVersion,
      reason: `challenger v${c.challenger.version} ${fmt(c.challenger.score)} beats champion v${previousVersion} ${fmt(c.championScore)} on ${c.metric}`,
    };
  }
  return {
    ...base,
    action: 'champion-kept',
    modelVersion: c.challenger.version,
    previousVersion,
    reason: `challenger v${c.challenger.version} ${fmt(c.challenger.score)} does not beat champion v${previousVersion} ${fmt(c.championScore)} by ${c.minImprovement} on ${c.metric}`,
  };
}
