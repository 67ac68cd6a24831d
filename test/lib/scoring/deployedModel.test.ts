import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROWS, parseArtifact } from '../../../src/lib/automl/artifact';
import { openApiDocument } from '../../../src/lib/openapi/spec';
import { DatasetRegistry } from '../../../src/lib/registry/datasetRegistry';
import { DeploymentRegistry } from '../../../src/lib/registry/deploymentRegistry';
import { ModelRegistry } from '../../../src/lib/registry/modelRegistry';
import { registryPaths } from '../../../src/lib/registry/paths';
import { type DeployedModel, loadDeployedModel } from '../../../src/lib/scoring/deployedModel';
import { samplePayload } from '../../../src/lib/scoring/samplePayload';
import { scoreRows } from '../../../src/lib/scoring/scoreRequest';
import { containers } from '../../../src/lib/storage/containers';
import { useAzuriteStore } from '../../support/azuriteStore';
import { quickDeploy } from '../../support/quickDeploy';
import { v1ArtifactText } from '../../support/v1Artifact';

const azurite = useAzuriteStore();

const SETTINGS = {
  target: 'y',
  timeBudgetSeconds: 20,
  maxTrials: 1,
  maxConcurrentTrials: 1,
  allowedModels: ['logistic_regression'],
  ensembles: false,
  validation: { kind: 'holdout' as const, fraction: 0.2 },
};

/** The first 300 rows of the bundled bank marketing file: columns with and without missing values. */
const csv = `${readFileSync(join(__dirname, '..', '..', '..', 'data', 'bankmarketing_train.csv'), 'utf8')
  .split('\n')
  .slice(0, 301)
  .join('\n')}\n`;

function registries() {
  const store = azurite.store;
  return {
    store,
    datasets: new DatasetRegistry(store),
    models: new ModelRegistry(store),
    deployments: new DeploymentRegistry(store),
    now: () => new Date('2024-05-01T00:00:00Z'),
  };
}

/** Scores the model's own examples, as a client trying the OpenAPI example would. */
function scoresItsExamples(model: DeployedModel): void {
  expect(model.validate(model.examples)).toEqual({ count: 0, issues: [] });
  const answer = JSON.parse(scoreRows(model, { rows: model.examples, method: 'predict' })) as { Results: string[] };
  expect(answer.Results).toHaveLength(model.examples.length);
  const doc = openApiDocument([model], { version: 'test' }) as {
    paths: Record<string, { post: { requestBody: { content: { 'application/json': { example: unknown } } } } }>;
  };
  const op = doc.paths[`/models/${model.dataset}/score`]!.post;
  expect(op.requestBody.content['application/json'].example).toEqual({ data: model.examples });
}

describe('loadDeployedModel', () => {
  it("serves a format 2 model from its artifact alone: its dataset's schema.json and data.csv deleted", async () => {
    const ctx = registries();
    const { datasetVersion, modelVersion } = await quickDeploy(ctx, 'bank-v2', csv, SETTINGS);
    const artifact = parseArtifact((await ctx.models.readFile('bank-v2', modelVersion, 'artifact.json'))!);
    if (artifact.formatVersion !== 2) throw new Error('format 2 expected');
    for (const file of ['schema.json', 'data.csv']) {
      await ctx.store.delete(containers.registry, registryPaths.datasetFile('bank-v2', datasetVersion, file));
    }

    const model = await loadDeployedModel(ctx, 'bank-v2', modelVersion);
    expect(model.columns).toEqual(artifact.inputSchema);
    expect(model.examples).toEqual(artifact.example);
    expect(model.examples).toHaveLength(EXAMPLE_ROWS);
    expect(model.examples[0]).toMatchObject({ age: 57, job: 'technician' });
    expect(model.examples[0]).not.toHaveProperty('y');
    scoresItsExamples(model);
    expect(await samplePayload(ctx, 'bank-v2', 2)).toEqual({ data: artifact.example.slice(0, 2) });
  });

  it("still serves a format 1 model, its nullability and example from its dataset's schema.json and data.csv", async () => {
    const ctx = registries();
    const { datasetVersion, modelVersion } = await quickDeploy(ctx, 'bank-v1', csv, SETTINGS);
    const artifact = parseArtifact((await ctx.models.readFile('bank-v1', modelVersion, 'artifact.json'))!);
    if (artifact.formatVersion !== 2) throw new Error('format 2 expected');
    // The registry as the build before format 2 left it: the same model, stored as format 1.
    const manifest = (await ctx.models.get('bank-v1', modelVersion))!;
    const old = await ctx.models.register({
      manifest: { ...manifest, runId: 'format-1' },
      files: { 'artifact.json': { text: v1ArtifactText(artifact), contentType: 'application/json' } },
    });

    const model = await loadDeployedModel(ctx, 'bank-v1', old.version);
    expect(model.predictor.artifact.formatVersion).toBe(1);
    // The same facts the format 2 artifact records, read from the dataset as before.
    expect(model.columns).toEqual(artifact.inputSchema);
    expect(model.examples).toEqual(artifact.example.slice(0, 1));
    scoresItsExamples(model);

    // Without its dataset's files, a format 1 model still serves, undocumented by an example.
    await ctx.store.delete(containers.registry, registryPaths.datasetFile('bank-v1', datasetVersion, 'data.csv'));
    const bare = await loadDeployedModel(ctx, 'bank-v1', old.version);
    expect(bare.examples).toEqual([]);
    expect(bare.validate(artifact.example)).toEqual({ count: 0, issues: [] });
  });
});
