import type { Prediction } from '../../automl/artifact';
import { classificationReport, confusionMatrix, regressionReport } from '../../automl/metrics';
import type { Target } from '../../automl/types';

export interface BatchMetrics {
  readonly rows: number;
  /** Rows whose target was missing or not one of the model's classes: left out of the metrics. */
  readonly unlabelled: number;
  /** Labelled rows after the first `maxRows`: left out so memory stays bounded (the metrics are of the first ones). */
  readonly beyondLimit: number;
  readonly values: Record<string, number>;
  readonly confusionMatrix?: { readonly classes: readonly string[]; readonly matrix: number[][] };
}

/** Labelled rows kept for the metrics: ~70 B each with the metrics' own sorting, so ~140 MB at most. */
export const MAX_METRIC_ROWS = 2_000_000;

/**
 * Keeps the target and raw model output of labelled rows, to compute the metrics module's figures once at the
 * end: ranking metrics such as AUC need every row at once, so this (not the scoring) is what grows with the
 * input (4 + 8·K bytes per row). Past `maxRows` labelled rows the rest are counted, not kept.
 */
export class LabelledPredictions {
  private targets: (Int32Array | Float64Array)[] = [];
  private outputs: Float64Array[] = [];
  private rows = 0;
  private unlabelled = 0;
  private beyondLimit = 0;

  constructor(
    private readonly classes: readonly string[] | undefined,
    private readonly threshold: number | undefined,
    private readonly maxRows = MAX_METRIC_ROWS,
  ) {}

  add(labels: Int32Array | Float64Array, prediction: Prediction): void {
    const k = prediction.task === 'regression' ? 1 : (this.classes?.length ?? 0);
    const raw = prediction.task === 'regression' ? prediction.values : prediction.probabilities;
    const keep: number[] = [];
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (labels instanceof Int32Array ? label >= 0 : !Number.isNaN(label)) keep.push(i);
    }
    this.unlabelled += labels.length - keep.length;
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
  report(): BatchMetrics | undefined {
    if (this.rows === 0) return undefined;
    const predictions = concatFloat(this.outputs);
    const parts = this.targets;
    this.outputs = [];
    this.targets = [];
    if (this.classes === undefined) {
      const target: Target = { task: 'regression', y: concatFloat(parts as Float64Array[]) };
      return { ...this.counts(), values: regressionReport(target, predictions) };
    }
    const y = new Int32Array(this.rows);
    let at = 0;
    for (const part of parts.splice(0)) {
      y.set(part as Int32Array, at);
      at += part.length;
    }
    const target: Target = { task: this.classes.length === 2 ? 'binary' : 'multiclass', classes: this.classes, y };
    const options = this.threshold === undefined ? {} : { threshold: this.threshold };
    return {
      ...this.counts(),
      values: classificationReport(target, predictions, options),
      confusionMatrix: { classes: this.classes, matrix: confusionMatrix(target, predictions, options) },
    };
  }

  private counts(): { rows: number; unlabelled: number; beyondLimit: number } {
    return { rows: this.rows, unlabelled: this.unlabelled, beyondLimit: this.beyondLimit };
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
