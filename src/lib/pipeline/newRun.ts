import { newTrace } from '../messaging/traceContext';
import type { Run } from '../registry/documents';

/** The seed a run uses unless the request names one (recorded in the model's lineage). */
export const DEFAULT_SEED = 42;

export interface NewRun {
  readonly runId: string;
  readonly dataset: string;
  readonly datasetVersion: number;
  readonly trigger: Run['trigger'];
  readonly budgetSeconds: number;
  /** Only an explicit choice (request, automl.json); otherwise the train stage takes the task's default. */
  readonly primaryMetric?: string;
  readonly seed?: number;
  readonly traceId?: string;
}

/** A queued run document with both stages pending: the one shape every trigger starts from. */
export function newRun(r: NewRun, now: Date): Run {
  return {
    schema: 'run/v1',
    runId: r.runId,
    dataset: r.dataset,
    datasetVersion: r.datasetVersion,
    trigger: r.trigger,
    traceId: r.traceId ?? newTrace().traceId,
    status: 'queued',
    createdAt: now.toISOString(),
    settings: {
      budgetSeconds: r.budgetSeconds,
      ...(r.primaryMetric === undefined ? {} : { primaryMetric: r.primaryMetric }),
      seed: r.seed ?? DEFAULT_SEED,
    },
    stages: { train: { status: 'pending', attempts: 0 }, deploy: { status: 'pending', attempts: 0 } },
    trials: [],
  };
}
