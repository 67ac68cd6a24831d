import type { Prediction } from '../artifact';
import type { Target, Task } from '../types';
import type { Evaluation } from './evaluation';
import { MISSING_TARGET } from './labels';
import { confusion, metricsReport } from './metricsReport';

/** Scorable rows kept for the metrics: ~70 B each with the metrics' own sorting, so ~140 MB at most. */
export const MAX_METRIC_ROWS = 2_000_000;

/** What an evaluation needs to know of the model: its task, class order and decision threshold. */
export interface JudgedModel {
  readonly task: Task;
  /** Classification: the class labels in the model's order (its probability columns); regression: empty. */
  readonly classes: readonly string[];
  readonly threshold: number | undefined;
}

/**
 * Collects the targets and raw model outputs of labelled rows, chunk by chunk or at once, and computes the
 * Evaluation once at the end (evaluation.ts states which rows count). Ranking metrics such as AUC need every row
 * at once, so this (not the scoring) is what grows with the input (4 + 8·K bytes per row); past `maxRows`
 * scorable rows the rest are counted, not kept.
 *
 * Labels are per row, aligned with the prediction: classification, the class index or MISSING_TARGET or
 * UNSEEN_LABEL (labels.ts maps them); regression, the number or NaN when missing.
 */
export class LabelledPredictions {
  private targets: (Int32Array | Float64Array)[] = [];
  private outputs: Float64Array[] = [];
  private rows = 0;
  private missingTarget = 0;
  private unseenLabels = 0;
  private beyondLimit = 0;

  constructor(
    private readonly model: JudgedModel,
    private readonly maxRows = MAX_METRIC_ROWS,
  ) {}

  /** Whether any labelled rows were offered (an input without the target column offers none). */
  get offered(): boolean {
    return this.rows + this.missingTarget + this.unseenLabels + this.beyondLimit > 0;
  }

  add(labels: Int32Array | Float64Array, prediction: Prediction): void {
    const k = prediction.task === 'regression' ? 1 : this.model.classes.length;
    const raw = prediction.task === 'regression' ? prediction.values : prediction.probabilities;
    const keep: number[] = [];
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (labels instanceof Float64Array ? Number.isNaN(label) : label === MISSING_TARGET) this.missingTarget++;
      else if (label < 0) this.unseenLabels++;
      else keep.push(i);
    }
    const room = this.maxRows - this.rows;
    if (keep.length > room) {
      this.beyondLimit += keep.length - Math.max(0, room);
      keep.length = Math.max(0, room);
    }
    if (keep.length === 0) return;
    const y = labels instanceof Int32Array ? new Int32Array(keep.length) : new Float64Array(keep.length);
    const out = new Float64Array(keep.length * k);
    keep.forEach((row, i) => {
      y[i] = labels[row]!;
      for (let c = 0; c < k; c++) out[i * k + c] = raw[row * k + c]!;
    });
    this.targets.push(y);
    this.outputs.push(out);
    this.rows += keep.length;
  }

  /** Computes the metrics once; the per-chunk copies are let go first, so the metrics' own arrays can reuse the room. */
  result(): Evaluation {
    const counts = {
      rows: this.rows,
      missingTarget: this.missingTarget,
      unseenLabels: this.unseenLabels,
      beyondLimit: this.beyondLimit,
    };
    if (this.rows === 0) return { ...counts, metrics: {} };
    const predictions = concatFloat(this.outputs);
    const parts = this.targets;
    this.outputs = [];
    this.targets = [];
    const { task, classes, threshold } = this.model;
    if (task === 'regression') {
      const target: Target = { task, y: concatFloat(parts as Float64Array[]) };
      return { ...counts, metrics: metricsReport(target, predictions) };
    }
    const y = new Int32Array(this.rows);
    let at = 0;
    for (const part of parts.splice(0)) {
      y.set(part as Int32Array, at);
      at += part.length;
    }
    const target = { task, classes, y };
    return {
      ...counts,
      metrics: metricsReport(target, predictions, threshold),
      confusionMatrix: confusion(target, predictions, threshold),
    };
  }
}

function concatFloat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
