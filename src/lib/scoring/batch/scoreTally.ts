import type { Prediction } from '../../automl/artifact';

export const HISTOGRAM_BINS = 10;

/**
 * Running counts of one input (or the whole job): rows scored and rejected, predictions per class, and the
 * mean and decile histogram of the positive-class probability (binary: the second class, as the metrics use;
 * multiclass: the predicted class's probability). Regression keeps the mean, min and max prediction.
 */
export class ScoreTally {
  scored = 0;
  rejected = 0;
  readonly classCounts: number[];
  readonly histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  private sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  constructor(readonly classes: readonly string[] | undefined) {
    this.classCounts = (classes ?? []).map(() => 0);
  }

  add(prediction: Prediction): void {
    if (prediction.task === 'regression') {
      for (const v of prediction.values) {
        this.sum += v;
        if (v < this.min) this.min = v;
        if (v > this.max) this.max = v;
      }
      this.scored += prediction.values.length;
      return;
    }
    const k = this.classCounts.length;
    const rows = prediction.labels.length;
    const index = new Map((this.classes ?? []).map((c, i) => [c, i]));
    for (let i = 0; i < rows; i++) {
      const c = index.get(prediction.labels[i]!)!;
      this.classCounts[c]!++;
      const p = k === 2 ? prediction.probabilities[2 * i + 1]! : prediction.probabilities[i * k + c]!;
      this.sum += p;
      this.histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(p * HISTOGRAM_BINS))]!++;
    }
    this.scored += rows;
  }

  /** Mean positive-class probability (regression: mean prediction); undefined with no rows. */
  get mean(): number | undefined {
    return this.scored === 0 ? undefined : this.sum / this.scored;
  }

  merge(other: ScoreTally): void {
    this.scored += other.scored;
    this.rejected += other.rejected;
    other.classCounts.forEach((n, i) => {
      this.classCounts[i]! += n;
    });
    other.histogram.forEach((n, i) => {
      this.histogram[i]! += n;
    });
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }
}
