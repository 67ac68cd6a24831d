import type { MetricSpec } from '../types';
import { checkLayout, classTarget } from './labels';

/** sklearn's clip for log_loss (1e-15 in the sklearn Azure AutoML pins), then rows renormalised. */
const EPS = 1e-15;

export const logLoss: MetricSpec = {
  name: 'log_loss',
  tasks: ['binary', 'multiclass'],
  greaterIsBetter: false,
  compute(target, predictions) {
    const t = classTarget(target, 'log_loss');
    const k = t.classes.length;
    const n = t.y.length;
    checkLayout(n, k, predictions, 'log_loss');
    if (n === 0) return Number.NaN;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let rowSum = 0;
      for (let c = 0; c < k; c++) rowSum += Math.min(1 - EPS, Math.max(EPS, predictions[i * k + c]!));
      const p = Math.min(1 - EPS, Math.max(EPS, predictions[i * k + t.y[i]!]!)) / rowSum;
      sum -= Math.log(p);
    }
    return sum / n;
  },
};
