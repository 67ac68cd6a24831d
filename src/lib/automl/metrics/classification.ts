import type { MetricSpec, Target } from '../types';
import { confusionMatrix } from './confusion';
import { classTarget } from './labels';

/**
 * Label-based classification metrics, as sklearn defines them (Azure AutoML computes its metrics with sklearn):
 * zero_division = 0; "macro" averages over the labels present in the truth or the predictions (sklearn's default
 * `labels`); "weighted" weights each class by its support in the truth.
 */
interface PerClass {
  readonly precision: number[];
  readonly recall: number[];
  readonly f1: number[];
  readonly support: number[];
  /** Classes that appear in the truth or the predictions. */
  readonly present: boolean[];
  readonly total: number;
  readonly correct: number;
}

function perClass(target: Target, predictions: Float64Array, threshold: number | undefined): PerClass {
  const cm = confusionMatrix(target, predictions, threshold === undefined ? {} : { threshold });
  const k = cm.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  const present: boolean[] = [];
  let total = 0;
  let correct = 0;
  for (let c = 0; c < k; c++) {
    const tp = cm[c]![c]!;
    let actual = 0;
    let predicted = 0;
    for (let j = 0; j < k; j++) {
      actual += cm[c]![j]!;
      predicted += cm[j]![c]!;
    }
    const p = predicted === 0 ? 0 : tp / predicted;
    const r = actual === 0 ? 0 : tp / actual;
    precision.push(p);
    recall.push(r);
    f1.push(p + r === 0 ? 0 : (2 * p * r) / (p + r));
    support.push(actual);
    present.push(actual > 0 || predicted > 0);
    total += actual;
    correct += tp;
  }
  return { precision, recall, f1, support, present, total, correct };
}

function macro(values: readonly number[], include: readonly boolean[]): number {
  let sum = 0;
  let n = 0;
  values.forEach((v, c) => {
    if (include[c]) {
      sum += v;
      n += 1;
    }
  });
  return n === 0 ? Number.NaN : sum / n;
}

function weighted(values: readonly number[], support: readonly number[]): number {
  let sum = 0;
  let total = 0;
  values.forEach((v, c) => {
    sum += v * support[c]!;
    total += support[c]!;
  });
  return total === 0 ? Number.NaN : sum / total;
}

/** Mean recall over the classes present in the truth (sklearn's balanced_accuracy_score). */
function balancedRecall(pc: PerClass): number {
  return macro(
    pc.recall,
    pc.support.map((s) => s > 0),
  );
}

function labelMetric(name: string, value: (pc: PerClass, classes: number) => number): MetricSpec {
  return {
    name,
    tasks: ['binary', 'multiclass'],
    greaterIsBetter: true,
    compute(target, predictions, options) {
      const t = classTarget(target, name);
      return value(perClass(t, predictions, options?.threshold), t.classes.length);
    },
  };
}

export const accuracy = labelMetric('accuracy', (pc) => (pc.total === 0 ? Number.NaN : pc.correct / pc.total));
export const precisionWeighted = labelMetric('precision_score_weighted', (pc) => weighted(pc.precision, pc.support));
export const recallWeighted = labelMetric('recall_score_weighted', (pc) => weighted(pc.recall, pc.support));
export const f1Weighted = labelMetric('f1_score_weighted', (pc) => weighted(pc.f1, pc.support));
export const precisionMacro = labelMetric('precision_score_macro', (pc) => macro(pc.precision, pc.present));
export const recallMacro = labelMetric('recall_score_macro', (pc) => macro(pc.recall, pc.present));
export const f1Macro = labelMetric('f1_score_macro', (pc) => macro(pc.f1, pc.present));
export const balancedAccuracy = labelMetric('balanced_accuracy', balancedRecall);

/**
 * Azure's norm_macro_recall: balanced recall rescaled so chance (1/K over the target's K classes) scores 0 and
 * perfect scores 1, clipped at 0.
 */
export const normMacroRecall = labelMetric('norm_macro_recall', (pc, classes) => {
  const chance = 1 / classes;
  return Math.max(0, (balancedRecall(pc) - chance) / (1 - chance));
});
