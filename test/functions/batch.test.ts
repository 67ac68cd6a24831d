import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, it } from 'vitest';
import { Predictor } from '../../src/lib/automl/artifact';
import { evaluateFrame } from '../../src/lib/automl/evaluate';
import { readCsvFrame } from '../../src/lib/data/frame/readFrame';
import { batchJobIds } from '../../src/lib/scoring/batch/jobIds';
import { type BatchSummary, batchSummarySchema } from '../../src/lib/scoring/batch/summary';
import { BlobStore } from '../../src/lib/storage/blobStore';
import { containers } from '../../src/lib/storage/containers';
import { repoRoot } from '../../src/local/start';
import { BANK_TEST, deployArtifact, recordingContext, trainBankModel } from '../lib/scoring/batch/fixtures';
import { useRuntime } from '../support/runtime';
import { waitFor } from '../support/waitFor';

const functions = ['startBatch', 'getBatchJob', 'batchWorker', 'scoreDrop'].map((f) =>
  join(repoRoot, 'dist', 'src', 'functions', `${f}.js`),
);
const DATASET = 'bankmarketing';
const TEST_ROWS = 4120;

describe('batch scoring through the offline runtime', () => {
  const runtime = useRuntime({ files: functions });
  let store: BlobStore;
  let expectedAuc: number;

  beforeAll(async () => {
    store = new BlobStore(BlobServiceClient.fromConnectionString(runtime().storageConnectionString));
    const model = await trainBankModel();
    await deployArtifact(recordingContext(store).ctx, DATASET, model);
    // What `automl train --test` reports: the test file read against the training schema, evaluated in memory.
    const test = await readCsvFrame(createReadStream(BANK_TEST), { columns: model.trainSchema });
    expectedAuc = evaluateFrame(new Predictor(model.artifact), test.frame).metrics['AUC_weighted']!;
  }, 180_000);

  const summaryOf = async (jobId: string): Promise<BatchSummary> =>
    (await store.readJson(containers.scoringResults, `${jobId}/summary.json`, batchSummarySchema))!.value;

  it('POST /models/{dataset}/batch scores the bank test file: 4,120 rows and the AUC of the metrics module', async () => {
    const rt = runtime();
    await store.uploadStream(
      containers.scoringInputs,
      'requests/bank_test.csv',
      createReadStream(BANK_TEST),
      'text/csv',
    );
    const response = await rt.api(`/models/${DATASET}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: ['requests/bank_test.csv'] }),
    });
    expect(response.status).toBe(202);
    const { jobId, statusUrl } = (await response.json()) as { jobId: string; statusUrl: string };
    expect(statusUrl).toBe(`/api/batch/${jobId}`);

    const job = await waitFor(
      'the batch job to finish',
      async () => {
        const body = (await (await rt.api(`/batch/${jobId}`)).json()) as { status: string };
        return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
      },
      90_000,
    );
    expect(job).toMatchObject({
      status: 'succeeded',
      progress: { filesTotal: 1, filesDone: 1, rowsScored: TEST_ROWS, rowsRejected: 0 },
      results: { summary: `${jobId}/summary.json` },
      timings: { runSeconds: expect.any(Number) },
    });
    const summary = await summaryOf(jobId);
    expect(summary.rows).toEqual({ scored: TEST_ROWS, rejected: 0 });
    expect(summary.model).toMatchObject({ name: DATASET, version: 1 });
    expect(Math.abs(summary.metrics!.values['AUC_weighted']! - expectedAuc)).toBeLessThan(1e-9);
    expect(summary.metrics!.rows).toBe(TEST_ROWS);
  });

  it('a CSV dropped into scoring-inputs/bankmarketing/ is scored as its own job, once', async () => {
    const name = `${DATASET}/bank_test.csv`;
    const etag = await store.uploadStream(containers.scoringInputs, name, createReadStream(BANK_TEST), 'text/csv');
    const jobId = batchJobIds.forDrop(DATASET, name, etag);
    const summary = await waitFor(
      'the drop job summary',
      async () =>
        (await store.exists(containers.scoringResults, `${jobId}/summary.json`)) ? summaryOf(jobId) : undefined,
      90_000,
    );
    expect(summary.rows).toEqual({ scored: TEST_ROWS, rejected: 0 });
    expect(Math.abs(summary.metrics!.values['AUC_weighted']! - expectedAuc)).toBeLessThan(1e-9);
    const jobs = await store.list(containers.registry, `batch/${DATASET}-drop-`);
    expect(jobs.map((b) => b.name)).toEqual([`batch/${jobId}.json`]);
  });

  it('answers 404 for inputs that match nothing and for unknown jobs, 400 for a bad body', async () => {
    const rt = runtime();
    const post = (body: unknown) => rt.api(`/models/${DATASET}/batch`, { method: 'POST', body: JSON.stringify(body) });
    const missing = await post({ inputs: ['nothing/here.csv'] });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('no_inputs');
    expect((await post({ inputs: [] })).status).toBe(400);
    expect((await rt.api('/batch/no-such-job-here')).status).toBe(404);
  });
});
