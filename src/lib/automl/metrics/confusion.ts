import type { Target } from '../types';
import { classTarget, predictedLabels } from './labels';

/** `matrix[true][predicted]` counts, over every class of the target (absent classes give zero rows/columns). */
export function confusionMatrix(
  target: Target,
  predictions: Float64Array,
  options: { readonly threshold?: number } = {},
): number[][] {
  const t = classTarget(target, 'confusionMatrix');
  const k = t.classes.length;
  const labels = predictedLabels(t, predictions, options.threshold);
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) matrix[t.y[i]!]![labels[i]!]! += 1;
  return matrix;
}
