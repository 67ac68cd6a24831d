import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetRegistry } from '../../src/lib/registry/datasetRegistry';
import { DeploymentRegistry } from '../../src/lib/registry/deploymentRegistry';
import { ModelRegistry } from '../../src/lib/registry/modelRegistry';
import { BlobStore } from '../../src/lib/storage/blobStore';
import { setTelemetry, type Telemetry } from '../../src/lib/telemetry';
import type { HostLog } from '../../src/local/host/hostLog';
import { accountSnapshot, settledSnapshot, snapshotChanges } from '../support/accountSnapshot';
import { quickDeploy } from '../support/quickDeploy';
import { useRuntime } from '../support/runtime';
import { hostileDrops } from './hostileDrops';
import { type HostileRequest, hostileRequests } from './hostileRequests';

/**
 * The hostile-input suite (issue 16): hostile HTTP requests and blob drops against the whole offline runtime.
 * Nothing answers 5xx, no user error is reported as an exception, and nothing outside a drop's own dataset is
 * read-modified: every container is listed before and after. Extend hostileRequests.ts and hostileDrops.ts.
 */
const exceptions: string[] = [];
const hostErrors: string[] = [];
const recorder: Telemetry = {
  event: () => undefined,
  metric: () => undefined,
  exception: (error) => {
    exceptions.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  },
  flush: async () => undefined,
};
const log: HostLog = (level, message) => {
  if (level === 'error') hostErrors.push(message);
};
const runtime = useRuntime({ settings: { RETRAIN_SCHEDULE: '0 0 0 1 1 *', AUTOML_TIME_BUDGET_SECONDS: '5' }, log });
let service: BlobServiceClient;

function send(r: HostileRequest): Promise<{ status: number; body: string }> {
  const url = new URL(runtime().baseUrl);
  const headers: Record<string, string> = { ...r.headers };
  if (r.key) headers['x-functions-key'] = runtime().functionKey;
  if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

beforeAll(async () => {
  setTelemetry(recorder);
  service = BlobServiceClient.fromConnectionString(runtime().storageConnectionString);
  const store = new BlobStore(service);
  const csv = readFileSync(join(__dirname, '../../data/bankmarketing_train.csv'), 'utf8')
    .split('\n')
    .slice(0, 2001)
    .join('\n');
  await quickDeploy(
    {
      store,
      datasets: new DatasetRegistry(store),
      models: new ModelRegistry(store),
      deployments: new DeploymentRegistry(store),
      now: () => new Date(),
    },
    'bankmarketing',
    csv,
    { target: 'y', maxTrials: 1, maxConcurrentTrials: 1, timeBudgetSeconds: 30 },
  );
  // Victims: what a traversal would read, overwrite or delete.
  await store.writeText('registry', 'canary/victim.json', '{"keep": true}', 'application/json');
  await store.writeText('scoring-inputs', 'bankmarketing/canary.csv', 'keep\n1\n', 'text/csv');
  // Drops of valid files register but do not train (training is not what is under test here).
  for (const dataset of new Set(hostileDrops.flatMap((d) => (d.dataset === undefined ? [] : [d.dataset])))) {
    if (!dataset.startsWith('conf-'))
      await store.writeText('datasets', `${dataset}/automl.json`, '{"autoTrain": false}', 'application/json');
  }
  await settledSnapshot(service);
  exceptions.length = 0;
  hostErrors.length = 0;
}, 180_000);

afterAll(() => setTelemetry(undefined));

describe('hostile input against the offline runtime', { timeout: 300_000 }, () => {
  it(`${hostileRequests.length} hostile HTTP requests: no 5xx, the expected 4xx, no exception, no blob touched`, async () => {
    expect(hostileRequests.length).toBeGreaterThanOrEqual(60);
    const before = await accountSnapshot(service);
    const wrong: string[] = [];
    for (const r of hostileRequests) {
      const { status, body } = await send(r);
      const ok = r.status === undefined ? status >= 400 && status < 500 : status === r.status;
      if (!ok) wrong.push(`${r.name}: ${status} ${body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    // Batch requests with refused inputs may create a job document that records the refusal; nothing else.
    const touched = snapshotChanges(before, await settledSnapshot(service)).filter(
      (change) => !/^[+~-] (registry\/batch\/|scoring-results\/bankmarketing-batch-)/.test(change),
    );
    expect(touched).toEqual([]);
    expect(exceptions).toEqual([]);
    expect(hostErrors).toEqual([]);
  });

  it(`${hostileDrops.length} hostile blob drops: each stays inside its own dataset, no exception`, async () => {
    expect(hostileDrops.length).toBeGreaterThanOrEqual(20);
    const datasets = service.getContainerClient('datasets');
    for (const drop of hostileDrops) {
      await datasets.getBlockBlobClient(drop.blob).upload(drop.body, Buffer.byteLength(drop.body));
    }
    // Compared from here: what the uploads did is the SDK's and the emulator's, what follows is the app's.
    const before = await accountSnapshot(service);
    const after = await settledSnapshot(service);
    const own = (name: string) =>
      name.startsWith('azure-webjobs-hosts/') ||
      hostileDrops.some(
        (d) =>
          d.dataset !== undefined &&
          [
            `datasets/${d.dataset}/`,
            `registry/datasets/${d.dataset}/`,
            `registry/runs/${d.dataset}-`,
            `quarantine/${d.dataset}/`,
          ].some((prefix) => name.startsWith(prefix)),
      );
    expect(snapshotChanges(before, after).filter((change) => !own(change.slice(2)))).toEqual([]);
    expect(after.get('registry/canary/victim.json')).toBe(before.get('registry/canary/victim.json'));
    expect(exceptions).toEqual([]);
    expect(hostErrors).toEqual([]);
  });
});
