import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../support/runtime';
import { waitFor } from '../support/waitFor';

/** The retrain timer at every 10 s (policy `always`): scheduled runs start, and no two runs of a dataset overlap. */
const runtime = useRuntime({
  settings: { RETRAIN_SCHEDULE: '*/10 * * * * *', RETRAIN_POLICY: 'always', AUTOML_TIME_BUDGET_SECONDS: '5' },
});

interface Run {
  runId: string;
  trigger: string;
  status: string;
  createdAt: string;
  endedAt?: string;
}

describe('retrainSchedule on a 10-second timer', { timeout: 240_000 }, () => {
  it('starts runs on the latest version that never overlap', async () => {
    const rows = readFileSync(join(__dirname, '../../data/bankmarketing_train.csv'), 'utf8').split('\n');
    const small = rows.slice(0, 2001).join('\n');
    const service = BlobServiceClient.fromConnectionString(runtime().storageConnectionString);
    const datasets = service.getContainerClient('datasets');
    const config = JSON.stringify({ autoTrain: false });
    await datasets.getBlockBlobClient('timed/automl.json').upload(config, config.length);
    await datasets.getBlockBlobClient('timed/part.csv').upload(small, small.length);

    const runs = await waitFor(
      'two finished scheduled runs',
      async () => {
        const body = (await (await runtime().api('/pipelines/timed/runs')).json()) as { runs?: Run[] };
        const finished = (body.runs ?? []).filter((r) => r.trigger === 'schedule' && r.status === 'succeeded');
        return finished.length >= 2 ? (body.runs ?? []) : undefined;
      },
      120_000,
    );
    const intervals = runs
      .map((r) => [Date.parse(r.createdAt), r.endedAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(r.endedAt)])
      .sort((a, b) => a[0]! - b[0]!);
    for (let i = 1; i < intervals.length; i++) {
      expect(intervals[i]![0]!).toBeGreaterThanOrEqual(intervals[i - 1]![1]!);
    }
    expect(runs.every((r) => r.trigger === 'schedule')).toBe(true);
  });
});
