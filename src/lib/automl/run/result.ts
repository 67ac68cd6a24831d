import type { Guardrail } from '../../data/analysis/guardrails';
import type { Params, Task } from '../types';
import type { ColumnImportance } from './importance';
import type { AutoMLSettings } from './settings';

/** One row of the leaderboard: a trial of the search, or an ensemble built from trials. */
export interface TrialRecord {
  readonly id: number;
  readonly learner: string;
  readonly origin: 'default' | 'local' | 'ensemble';
  readonly params: Params;
  readonly status: 'ok' | 'stopped' | 'failed';
  /** Primary metric on the validation rows; null when the trial failed. */
  readonly score: number | null;
  /** Every metric of the task by Azure name, on the validation rows. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** Seconds from the start of the job to the end of this trial. */
  readonly finishedAt: number;
  readonly error?: string;
  readonly members?: readonly EnsembleMember[];
}

export interface EnsembleMember {
  readonly trial: number;
  readonly learner: string;
  readonly weight: number;
}

export type StopReason = 'time_budget' | 'max_trials' | 'early_termination' | 'search_exhausted';

export interface AutoMLSummary {
  readonly task: Task;
  readonly target: string;
  readonly classes?: readonly string[];
  readonly metric: { readonly name: string; readonly greaterIsBetter: boolean };
  readonly validation: {
    readonly kind: 'cv' | 'holdout';
    readonly folds: number;
    readonly rows: number;
    readonly reason: string;
  };
  readonly best: {
    readonly trial: number;
    readonly learner: string;
    readonly score: number;
    readonly members: readonly (EnsembleMember & { readonly params: Params })[];
    /** Binary decision threshold on the positive-class probability, when tuned for the primary metric. */
    readonly threshold?: number;
    /** How the shipped models were trained: refitted on all rows, the fold models averaged, or kept as validated. */
    readonly final: 'refit' | 'fold_models' | 'validation_models';
  };
  /** Metrics of the chosen model on the validation rows (out-of-fold for ensembles). */
  readonly validationMetrics: Readonly<Record<string, number>>;
  /** Best first; failed trials last. */
  readonly leaderboard: readonly TrialRecord[];
  readonly importance: readonly ColumnImportance[];
  /** The best score after each finished trial, for the search chart. */
  readonly trace: readonly { readonly seconds: number; readonly score: number }[];
  readonly stoppedBy: StopReason;
  readonly elapsedSeconds: number;
  readonly notes: readonly string[];
  /** The data layer's guardrails for this data, when the caller passed them (Azure's passed / alerted / fixed). */
  readonly guardrails: readonly Guardrail[];
  readonly settings: AutoMLSettings;
}
