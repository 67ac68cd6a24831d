import type { Predictor } from '../automl/artifact';
import { metricByName } from '../automl/metrics';
import type { Target } from '../automl/types';
import type { Frame } from '../data/frame/frame';
import { userError } from '../errors';

/**
 * Scores a model on labelled rows with one metric. Classes are mapped to the model's own class order;
 * rows whose label the model never saw are left out (they cannot be scored against its probabilities).
 */
export function scoreOnFrame(predictor: Predictor, frame: Frame, metricName: string): number {
  const metric = metricByName(metricName);
  const column = frame.columns.find((c) => c.name === predictor.target);
  if (column === undefined) {
    throw userError('target_missing', `the data has no target column '${predictor.target}'`);
  }
  const prediction = predictor.predictFrame(frame);
  if (prediction.task === 'regression') {
    if (column.kind !== 'numeric') throw userError('target_type', `target '${predictor.target}' is not numeric`);
    const target: Target = { task: 'regression', y: column.values };
    return metric.compute(target, prediction.values);
  }
  const classIndex = new Map(predictor.classes.map((c, i) => [c, i]));
  const labelOf = (row: number): string =>
    column.kind === 'categorical' ? (column.levels[column.codes[row]!] ?? '') : String(column.values[row]);
  const keep: number[] = [];
  for (let row = 0; row < frame.rowCount; row++) if (classIndex.has(labelOf(row))) keep.push(row);
  const k = predictor.classes.length;
  const y = Int32Array.from(keep, (row) => classIndex.get(labelOf(row))!);
  const probabilities = new Float64Array(keep.length * k);
  for (let i = 0; i < keep.length; i++) {
    const row = keep[i]!;
    probabilities.set(prediction.probabilities.subarray(row * k, row * k + k), i * k);
  }
  const target: Target = { task: prediction.task, classes: predictor.classes, y };
  const threshold = predictor.threshold;
  return metric.compute(target, probabilities, threshold === undefined ? undefined : { threshold });
}
