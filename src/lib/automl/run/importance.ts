import type { Frame } from '../../data/frame/frame';
import { takeColumn } from '../../data/frame/takeRows';
import type { Random } from '../random';
import type { Dataset, MetricSpec, Target } from '../types';

/** Validation rows scored by the models that did not train on them (one part per fold). */
export interface ImportancePart {
  readonly frame: Frame;
  readonly predict: (data: Dataset) => Float64Array;
}

export interface ColumnImportance {
  readonly column: string;
  /** Drop in the primary metric when this column's values are shuffled (larger = more important). */
  readonly importance: number;
}

/**
 * Permutation importance in the user's column names: shuffle one original column of the validation rows, run the
 * whole pipeline (featurizer, then the model), and measure how much the primary metric worsens. Undefined when
 * the unshuffled pass shows that every column would not fit in `budgetMs`.
 */
export function permutationImportance(
  parts: readonly ImportancePart[],
  transform: (frame: Frame) => Dataset,
  target: Target,
  metric: MetricSpec,
  columns: readonly string[],
  rng: Random,
  budgetMs: number,
): ColumnImportance[] | undefined {
  const score = (frames: readonly Frame[]): number => {
    const predictions = frames.map((f, i) => parts[i]!.predict(transform(f)));
    const all = new Float64Array(predictions.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of predictions) {
      all.set(p, at);
      at += p.length;
    }
    return metric.compute(target, all);
  };
  const sign = metric.greaterIsBetter ? 1 : -1;
  const started = performance.now();
  const baseline = score(parts.map((p) => p.frame));
  if ((performance.now() - started) * columns.length > budgetMs) return undefined;
  return columns
    .map((column) => ({
      column,
      importance: sign * (baseline - score(parts.map((p) => permuteColumn(p.frame, column, rng)))),
    }))
    .sort((a, b) => b.importance - a.importance);
}

/** The same frame with one column's values shuffled across rows. */
function permuteColumn(frame: Frame, name: string, rng: Random): Frame {
  return {
    rowCount: frame.rowCount,
    columns: frame.columns.map((c) => {
      if (c.name !== name) return c;
      const order = rng.shuffle(Int32Array.from({ length: frame.rowCount }, (_, i) => i));
      return takeColumn(c, order);
    }),
  };
}
