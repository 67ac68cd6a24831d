import type { Frame } from '../../data/frame/frame';
import type { Prediction } from '../artifact';
import type { Evaluation } from './evaluation';
import { type JudgedModel, LabelledPredictions } from './labelledPredictions';
import { frameLabels } from './labels';

/** What evaluating a whole frame needs of a model (a Predictor). */
export interface FramePredictor extends JudgedModel {
  readonly target: string;
  predictFrame(frame: Frame): Prediction;
}

/**
 * A model judged on a labelled frame in memory: the labelled-predictions accumulator fed once, so the figures
 * and counts are those batch scoring gives for the same rows.
 */
export function evaluateFrame(predictor: FramePredictor, frame: Frame): Evaluation {
  const classes = predictor.task === 'regression' ? undefined : predictor.classes;
  const labels = frameLabels(frame, predictor.target, classes);
  const collected = new LabelledPredictions(predictor);
  collected.add(labels, predictor.predictFrame(frame));
  return collected.result();
}
