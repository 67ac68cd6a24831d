import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../../src/local/azurite';
import { ChildRuntime } from '../support/childRuntime';
import { waitFor } from '../support/waitFor';

let azurite: RunningAzurite;
let host: ChildRuntime;
let stateDir: string;

beforeAll(async () => {
  azurite = await startAzurite();
  stateDir = mkdtempSync(join(tmpdir(), 'crash-runtime-'));
  host = await ChildRuntime.create(
    { AzureWebJobsStorage: azurite.connectionString, AUTOML_TIME_BUDGET_SECONDS: '15' },
    stateDir,
  );
});

afterAll(async () => {
  await host?.stop();
  await azurite?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

interface RunView {
  status: string;
  trials: unknown[];
  modelVersion?: number;
  stages: { train: { attempts: number } };
}

async function run(runId: string): Promise<RunView | undefined> {
  const response = await host.api(`/pipelines/crashbank/runs/${runId}`);
  return response.status === 200 ? ((await response.json()) as RunView) : undefined;
}

describe('a host killed during training', { timeout: 300_000 }, () => {
  it('completes the run once after a restart, with exactly one model version', async () => {
    await host.start();
    const csv = readFileSync(join(__dirname, '../../data/bankmarketing_train.csv'));
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await service.getContainerClient('datasets').getBlockBlobClient('crashbank/train.csv').upload(csv, csv.length);

    await waitFor(
      'training in progress',
      async () => {
        const r = await run('crashbank-v1-drop');
        return r?.status === 'running' && r.trials.length > 0;
      },
      120_000,
    );
    await host.kill();
    await host.start();

    const done = await waitFor(
      'run finished',
      async () => {
        const r = await run('crashbank-v1-drop');
        return r?.status === 'succeeded' || r?.status === 'failed' ? r : undefined;
      },
      180_000,
    );
    expect(done.status).toBe('succeeded');
    expect(done.stages.train.attempts).toBe(2);
    const models = (await (await host.api('/models/crashbank')).json()) as {
      versions: { version: number; runId: string }[];
    };
    expect(models.versions.map((v) => [v.version, v.runId])).toEqual([[1, 'crashbank-v1-drop']]);
    const datasets = (await (await host.api('/datasets/crashbank')).json()) as { versions: unknown[] };
    expect(datasets.versions).toHaveLength(1);
  });
});
