import type { Task } from '../../task';

/** The primary metric each kind of task is judged by unless a run or dataset names one (a setting each). */
export interface PrimaryMetricDefaults {
  readonly classification: string;
  readonly regression: string;
}

/** The engine's defaults: Azure AutoML's AUC_weighted for classification, r2_score for regression. */
export const DEFAULT_PRIMARY_METRICS: PrimaryMetricDefaults = {
  classification: 'AUC_weighted',
  regression: 'r2_score',
};

/** The default primary metric of a task: a default never has to be refused for not fitting the task. */
export function defaultPrimaryMetric(task: Task, defaults: PrimaryMetricDefaults = DEFAULT_PRIMARY_METRICS): string {
  return task === 'regression' ? defaults.regression : defaults.classification;
}
