import type { Frame } from '../../data/frame/frame';
import { type Artifact, Predictor } from '../artifact';
import { dropMissingTarget, encodeTarget } from '../featurize';
import { metricsReport } from './metricsReport';

/**
 * Every metric of a model artifact on a labelled frame (a test file): the artifact's own featurizer, classes and
 * decision threshold are used, so the figures are what scoring would produce.
 */
export function evaluateArtifact(artifact: Artifact, frame: Frame): { rows: number; metrics: Record<string, number> } {
  const predictor = new Predictor(artifact);
  const labelled = dropMissingTarget(frame, artifact.target).frame;
  const target = encodeTarget(labelled, artifact.target, {
    task: artifact.task,
    ...(artifact.classes === undefined ? {} : { classes: artifact.classes }),
  });
  const prediction = predictor.predictFrame(labelled);
  const raw = prediction.task === 'regression' ? prediction.values : prediction.probabilities;
  return { rows: labelled.rowCount, metrics: metricsReport(target, raw, artifact.threshold) };
}
