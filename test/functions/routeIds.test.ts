import { BlobServiceClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/lib/storage/blobStore';
import { accountSnapshot, snapshotChanges } from '../support/accountSnapshot';
import { useRuntime } from '../support/runtime';

/**
 * Issue 16, finding 1, through the offline runtime's HTTP host: an id in the URL (run, job, version) that is not
 * of its own pattern is a 400 naming the parameter, never a path; a well-formed unknown id stays a 404.
 */
const runtime = useRuntime({ settings: { RETRAIN_SCHEDULE: '0 0 0 1 1 *' } });
let service: BlobServiceClient;

beforeAll(async () => {
  service = BlobServiceClient.fromConnectionString(runtime().storageConnectionString);
  const store = new BlobStore(service);
  await store.writeJson('registry', 'deployments/bank.json', {
    schema: 'deployment/v1',
    dataset: 'bank',
    modelVersion: 1,
    deployedAt: '2024-01-01T00:00:00.000Z',
    history: [],
  });
  await store.writeText('registry', 'canary/victim.json', '{"secret":true}', 'application/json');
});

async function errorOf(path: string): Promise<{ status: number; code: string; paths: string[] }> {
  const response = await runtime().api(path);
  const body = (await response.json()) as { error: { code: string; details: { path: string }[] } };
  return { status: response.status, code: body.error.code, paths: body.error.details.map((d) => d.path) };
}

describe('ids in URLs', { timeout: 60_000 }, () => {
  it.each([
    ['/pipelines/bank/runs/..%2Fdeployments%2Fbank', 'runId'],
    ['/pipelines/bank/runs/..%2F..%2Fregistry%2Fcanary%2Fvictim', 'runId'],
    ['/pipelines/bank/runs/%2E%2E%2Fdeployments%2Fbank', 'runId'],
    ['/pipelines/bank/runs/bank-1%2F..%2F..%2Fx', 'runId'],
    ['/batch/..%2Fdeployments%2Fbank', 'jobId'],
    ['/batch/aaaaaaaa%2F..%2F..%2Fdeployments%2Fbank', 'jobId'],
    ['/datasets/bank/versions/..%2F..', 'version'],
    ['/datasets/bank/versions/1e0', 'version'],
    ['/models/bank/versions/0x1', 'version'],
    ['/models/bank/versions/%201', 'version'],
  ])('GET %s answers 400 naming %s, and reads nothing outside its prefix', async (path, parameter) => {
    const before = await accountSnapshot(service);
    const answer = await errorOf(path);
    expect(answer.status).toBe(400);
    expect(answer.paths).toEqual([parameter]);
    expect(snapshotChanges(before, await accountSnapshot(service))).toEqual([]);
  });

  it.each([
    '/pipelines/bank/runs/bank-20240101-unknown',
    '/batch/bank-batch-0123456789abcdef',
    '/datasets/bank/versions/7',
    '/models/bank/versions/7',
  ])('GET %s (well-formed, unknown) answers 404', async (path) => {
    expect(await errorOf(path)).toMatchObject({ status: 404, code: 'not_found' });
  });
});
