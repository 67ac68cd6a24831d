/**
 * A model judged on labelled rows, the same whether the rows came as one frame (`automl train --test`, the train
 * stage's holdout score, the deploy stage's champion score) or chunk by chunk (batch scoring).
 *
 * Policy: a row is scored only when its target is present and is one of the model's classes (classification)
 * or a number (regression). A row with a missing target counts in `missingTarget`; a row whose label the model
 * never saw counts in `unseenLabels` (it has no probability column to be judged by). Neither fails the
 * evaluation, and both counts are part of every result, so a figure always says what it was computed on.
 */
export interface Evaluation {
  /** Rows the metrics are computed on. */
  readonly rows: number;
  readonly missingTarget: number;
  readonly unseenLabels: number;
  /** Scorable rows after the first `maxRows`: left out so memory stays bounded (the metrics are of the first ones). */
  readonly beyondLimit: number;
  /** Every metric of the task, by Azure name (empty when no row could be scored). */
  readonly metrics: Record<string, number>;
  /** Classification: rows by true class (row) and predicted class (column), in the model's class order. */
  readonly confusionMatrix?: { readonly classes: readonly string[]; readonly matrix: number[][] };
}

/** One metric of an evaluation; NaN when no row could be scored. */
export function metricOf(evaluation: Evaluation, name: string): number {
  return evaluation.metrics[name] ?? Number.NaN;
}
