import { describe, expect, it } from 'vitest';
import { buildArtifact, serializeArtifact } from '../../../src/lib/automl/artifact';
import { encodeTarget, fitFeaturizer } from '../../../src/lib/automl/featurize';
import { ridgeLearner } from '../../../src/lib/automl/linear';
import { isAppError } from '../../../src/lib/errors';
import { loadPredictor } from '../../../src/lib/registry/loadPredictor';
import { ModelRegistry } from '../../../src/lib/registry/modelRegistry';
import { containers } from '../../../src/lib/storage/containers';
import { useAzuriteStore } from '../../support/azuriteStore';
import { frame, numeric } from '../automl/featurize/frames';

const azurite = useAzuriteStore();

function artifactText(): string {
  const data = frame(numeric('x', [1, 2, 3, 4, 5, 6]), numeric('y', [2, 4, 6, 8, 10, 12]));
  const featurizer = fitFeaturizer(data, { target: 'y' });
  const model = ridgeLearner.fit(featurizer.transform(data), encodeTarget(data, 'y'), { alpha: 1e-6 }, { seed: 1 });
  return serializeArtifact(
    buildArtifact({ task: 'regression', featurizer, frame: data, members: [{ model, weight: 1 }] }),
  );
}

describe('loadPredictor', () => {
  it("restores a registered version's artifact, and names the version whose artifact is missing", async () => {
    await azurite.store.ensureContainer(containers.registry);
    const models = new ModelRegistry(azurite.store);
    const text = artifactText();
    const { version } = await models.register({
      manifest: {
        dataset: 'lines',
        runId: 'run-1',
        task: 'regression',
        target: 'y',
        primaryMetric: 'r2_score',
        bestLearner: 'ridge',
        validation: {},
        lineage: { datasetVersion: 1, datasetSha256: 'abc', seed: 1, budgetSeconds: 1, codeVersion: 'test' },
      },
      files: { 'artifact.json': { text, contentType: 'application/json' } },
    });
    const predictor = await loadPredictor(models, 'lines', version);
    expect(predictor.sha256).toBe(JSON.parse(text).sha256);
    const p = predictor.predictRows([{ x: 7 }]);
    expect(p.task === 'regression' && p.values[0]).toBeCloseTo(14, 3);

    const missing = await loadPredictor(models, 'lines', 9).catch((err: unknown) => err);
    expect(isAppError(missing) && [missing.code, missing.userFixable, missing.message]).toEqual([
      'artifact_missing',
      false,
      'model lines v9 has no artifact.json',
    ]);
  });
});
