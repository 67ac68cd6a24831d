import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../support/runtime';
import { waitFor } from '../support/waitFor';

/**
 * The product's main flow on the offline runtime (Azurite, local Service Bus, the host running the compiled
 * functions): a CSV drop becomes a deployed model; a published-pipeline run trains a challenger.
 */
const BUDGET = 10;
const runtime = useRuntime({
  settings: { AUTOML_TIME_BUDGET_SECONDS: String(BUDGET), RETRAIN_SCHEDULE: '0 0 0 1 1 *' },
});

interface ModelView {
  deployed: { version: number; validation: Record<string, number> } | null;
  deployment: { history: { action: string; challengerScore?: number; championScore?: number }[] } | null;
  versions: { version: number }[];
}

async function json<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await runtime().api(path);
  return { status: response.status, body: (await response.json()) as T };
}

describe('pipeline on the offline runtime', { timeout: 240_000 }, () => {
  it('a dropped CSV is registered, trained and deployed as v1', async () => {
    const service = BlobServiceClient.fromConnectionString(runtime().storageConnectionString);
    const file = join(__dirname, '../../data/bankmarketing_train.csv');
    await service
      .getContainerClient('datasets')
      .getBlockBlobClient('bankmarketing/bankmarketing_train.csv')
      .uploadStream(createReadStream(file));

    const model = await waitFor(
      'v1 deployed',
      async () => {
        const { status, body } = await json<ModelView>('/models/bankmarketing');
        return status === 200 && body.deployed?.version === 1 ? body : undefined;
      },
      (BUDGET + 90) * 1000,
    );
    expect(model.deployed?.validation['AUC_weighted']).toBeGreaterThan(0.9);
    const dataset = await json<{ versions: { version: number; rows: number; columns: number; target: string }[] }>(
      '/datasets/bankmarketing',
    );
    expect(dataset.body.versions[0]).toMatchObject({ version: 1, rows: 32950, columns: 21, target: 'y' });
  });

  it('POST /pipelines/{dataset}/runs trains v2, refuses a second run meanwhile, and records champion/challenger', async () => {
    const start = await runtime().api('/pipelines/bankmarketing/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ budget: BUDGET, seed: 7 }),
    });
    expect(start.status).toBe(202);
    const { runId, statusUrl } = (await start.json()) as { runId: string; statusUrl: string };
    expect(statusUrl).toBe(`/api/pipelines/bankmarketing/runs/${runId}`);

    const second = await runtime().api('/pipelines/bankmarketing/runs', { method: 'POST' });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { activeRunId: string } }).error.activeRunId).toBe(runId);

    const run = await waitFor(
      'run finished',
      async () => {
        const { body } = await json<{ status: string; modelVersion?: number; trials: unknown[] }>(
          `/pipelines/bankmarketing/runs/${runId}`,
        );
        return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
      },
      (BUDGET + 90) * 1000,
    );
    expect(run.status).toBe('succeeded');
    expect(run.modelVersion).toBe(2);
    expect(run.trials.length).toBeGreaterThan(0);

    const { body: model } = await json<ModelView>('/models/bankmarketing');
    expect(model.versions.map((v) => v.version)).toEqual([1, 2]);
    const decision = model.deployment?.history.at(-1);
    expect(['promoted', 'champion-kept']).toContain(decision?.action);
    expect(decision?.challengerScore).toBeGreaterThan(0.9);
    expect(decision?.championScore).toBeGreaterThan(0.9);
  });

  it('answers bad pipeline requests with 4xx and field details', async () => {
    const badName = await runtime().api('/pipelines/Bad_Name/runs', { method: 'POST' });
    expect(badName.status).toBe(400);
    const badBody = await runtime().api('/pipelines/bankmarketing/runs', { method: 'POST', body: '{"budget":' });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    const badField = await runtime().api('/pipelines/bankmarketing/runs', { method: 'POST', body: '{"budget":-1}' });
    expect(((await badField.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'budget',
    );
    const unknown = await runtime().api('/pipelines/nodata/runs', { method: 'POST' });
    expect(unknown.status).toBe(404);
    const noKey = await fetch(`${runtime().baseUrl}/api/models`);
    expect(noKey.status).toBe(401);
  });
});
