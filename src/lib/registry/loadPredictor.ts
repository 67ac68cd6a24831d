import { loadArtifact, type Predictor } from '../automl/artifact';
import { systemError } from '../errors';
import type { ModelRegistry } from './modelRegistry';

/**
 * A registered model version's artifact, restored: how the deploy stage, batch and real-time scoring all load
 * a model. A version without its artifact is a broken registry, not a caller's mistake.
 */
export async function loadPredictor(
  models: Pick<ModelRegistry, 'readFile'>,
  dataset: string,
  version: number,
): Promise<Predictor> {
  const text = await models.readFile(dataset, version, 'artifact.json');
  if (text === undefined) throw systemError('artifact_missing', `model ${dataset} v${version} has no artifact.json`);
  return loadArtifact(text);
}
