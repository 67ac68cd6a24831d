import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { type AppContext, createAppContext } from '../../../../src/lib/app/context';
import type { Artifact } from '../../../../src/lib/automl/artifact';
import { serializeArtifact } from '../../../../src/lib/automl/artifact';
import { runAutoML } from '../../../../src/lib/automl/run/runAutoML';
import { readCsvFrame } from '../../../../src/lib/data/frame/readFrame';
import type { ColumnSchema } from '../../../../src/lib/data/frame/schema';
import type { Publisher } from '../../../../src/lib/messaging/publisher';
import type { BlobStore } from '../../../../src/lib/storage/blobStore';
import type { Telemetry } from '../../../../src/lib/telemetry';

const root = resolve(__dirname, '../../../..');
const pick = (file: string) =>
  [resolve(root, 'data', file), resolve(root, '../shared/data', file), `/work/shared/data/${file}`].find((p) =>
    existsSync(p),
  ) ?? resolve(root, 'data', file);

/** The bank marketing files: the repository's data/ copy, else the shared folder. */
export const BANK_TRAIN = pick('bankmarketing_train.csv');
export const BANK_TEST = pick('bankmarketing_test.csv');

export interface TrainedModel {
  readonly artifact: Artifact;
  readonly text: string;
  readonly trainSchema: ColumnSchema[];
}

/** Training rows used: a model to score with, not to win anything, so a few thousand rows are enough. */
const TRAIN_ROWS = 6000;

/**
 * A small bank model (one GBDT trial on the first rows of the training file, no ensemble). The budget is
 * generous so a loaded machine only makes it slower, never leaves it without a trial; one trial ends it.
 */
export async function trainBankModel(): Promise<TrainedModel> {
  const lines = readFileSync(BANK_TRAIN, 'utf8')
    .split('\n')
    .slice(0, TRAIN_ROWS + 1);
  const train = await readCsvFrame(Readable.from([Buffer.from(`${lines.join('\n')}\n`)]));
  const { artifact } = await runAutoML(train.frame, {
    target: 'y',
    timeBudgetSeconds: 120,
    maxTrials: 1,
    maxConcurrentTrials: 1,
    allowedModels: ['lgbm'],
    ensembles: false,
    validation: { kind: 'holdout', fraction: 0.2 },
  });
  return { artifact, text: serializeArtifact(artifact), trainSchema: train.schema };
}

/** Registers the artifact as a model version of `dataset` and deploys it (what the pipeline's deploy stage does). */
export async function deployArtifact(ctx: AppContext, dataset: string, model: TrainedModel): Promise<number> {
  const version = await ctx.models.register({
    manifest: {
      dataset,
      runId: `${dataset}-fixture-run`,
      task: model.artifact.task,
      target: model.artifact.target,
      primaryMetric: 'AUC_weighted',
      validation: {},
      artifactSha256: model.artifact.sha256,
      lineage: { datasetVersion: 1, datasetSha256: 'fixture', seed: 42, budgetSeconds: 20, codeVersion: 'test' },
    },
    files: { 'artifact.json': { text: model.text, contentType: 'application/json' } },
  });
  await ctx.deployments.record(dataset, () => ({
    at: new Date().toISOString(),
    action: 'manual',
    modelVersion: version.version,
    runId: `${dataset}-fixture-deploy`,
    reason: 'test fixture',
  }));
  return version.version;
}

/** Messages the stages would publish, recorded instead of sent. */
export function recordingContext(store: BlobStore): { ctx: AppContext; published: unknown[] } {
  const published: unknown[] = [];
  const publisher = {
    publish: async (_queue: string, body: unknown) => {
      published.push(body);
    },
    close: async () => undefined,
  } as unknown as Publisher;
  const telemetry: Telemetry = { event() {}, metric() {}, exception() {}, flush: async () => undefined };
  return {
    ctx: createAppContext({ store, publisher, telemetry, serviceBus: undefined as never }),
    published,
  };
}
