import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFunctionApp, triggerOf } from '../../src/local/host/capture';

/**
 * The registrations Azure will see, read from the compiled app (`npm test` builds first) through a capturing
 * `@azure/functions-core`, exactly as the Functions worker receives them.
 */
const dir = join(__dirname, '..', '..', 'dist', 'src', 'functions');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => join(dir, f));

const http = (route: string, method: string, authLevel = 'function') => ({
  type: 'httpTrigger',
  route,
  methods: [method],
  authLevel,
});

const expected: Record<string, Record<string, unknown>> = {
  health: http('health', 'GET', 'anonymous'),
  listDatasets: http('datasets', 'GET'),
  getDataset: http('datasets/{dataset}', 'GET'),
  getDatasetVersion: http('datasets/{dataset}/versions/{v}', 'GET'),
  listModels: http('models', 'GET'),
  getModel: http('models/{dataset}', 'GET'),
  getModelVersion: http('models/{dataset}/versions/{v}', 'GET'),
  startPipelineRun: http('pipelines/{dataset}/runs', 'POST'),
  listPipelineRuns: http('pipelines/{dataset}/runs', 'GET'),
  getPipelineRun: http('pipelines/{dataset}/runs/{runId}', 'GET'),
  registerDataset: {
    type: 'blobTrigger',
    path: 'datasets/{dataset}/{file}',
    connection: 'AzureWebJobsStorage',
    source: 'EventGrid',
  },
  trainModel: { type: 'serviceBusTrigger', queueName: 'automl-train', connection: 'ServiceBusConnection' },
  deployModel: { type: 'serviceBusTrigger', queueName: 'automl-deploy', connection: 'ServiceBusConnection' },
  score: http('models/{dataset}/score', 'POST'),
  promoteModel: http('models/{dataset}/deploy', 'POST'),
  openapi: http('openapi.json', 'GET', 'anonymous'),
  modelOpenapi: http('models/{dataset}/openapi.json', 'GET'),
  docs: http('docs/{*path}', 'GET', 'anonymous'),
  startBatch: http('models/{dataset}/batch', 'POST'),
  getBatchJob: http('batch/{jobId}', 'GET'),
  batchWorker: { type: 'serviceBusTrigger', queueName: 'automl-batch', connection: 'ServiceBusConnection' },
  scoreDrop: {
    type: 'blobTrigger',
    path: 'scoring-inputs/{dataset}/{file}',
    connection: 'AzureWebJobsStorage',
    source: 'EventGrid',
  },
  retrainSchedule: { type: 'timerTrigger', schedule: '%RETRAIN_SCHEDULE%', runOnStartup: false },
};

describe('function registrations', () => {
  const functions = loadFunctionApp(files);

  it('registers exactly the expected functions, one per module', () => {
    expect(functions.map((f) => f.name).sort()).toEqual(Object.keys(expected).sort());
    expect(functions).toHaveLength(files.length);
  });

  for (const [name, binding] of Object.entries(expected)) {
    it(`${name} has its trigger binding`, () => {
      const fn = functions.find((f) => f.name === name);
      expect(fn).toBeDefined();
      expect(triggerOf(fn!)).toMatchObject(binding);
    });
  }
});
