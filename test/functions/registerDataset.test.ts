import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRuntime } from '../support/runtime';
import { waitFor } from '../support/waitFor';

/** Issue 4 on the offline runtime: drops become versions, duplicates do nothing, bad drops are quarantined. */
const runtime = useRuntime({ settings: { RETRAIN_SCHEDULE: '0 0 0 1 1 *' } });
const bank = readFileSync(join(__dirname, '../../data/bankmarketing_train.csv'));
let datasets: ContainerClient;
let quarantine: ContainerClient;

interface VersionView {
  version: number;
  rows: number;
  columns: number;
  target: string;
  task: string;
  targetInfo: { positiveClass: string; positiveRate: number };
  guardrails: { name: string; status: string }[];
  drift: { columns?: unknown[] } | null;
}

async function versions(dataset: string): Promise<number[]> {
  const response = await runtime().api(`/datasets/${dataset}`);
  if (response.status !== 200) return [];
  return ((await response.json()) as { versions: { version: number; status: string }[] }).versions
    .filter((v) => v.status === 'ready')
    .map((v) => v.version);
}

async function put(container: ContainerClient, name: string, body: string | Buffer): Promise<void> {
  await container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

beforeAll(() => {
  const service = BlobServiceClient.fromConnectionString(runtime().storageConnectionString);
  datasets = service.getContainerClient('datasets');
  quarantine = service.getContainerClient('quarantine');
});

describe('registerDataset on the offline runtime', { timeout: 180_000 }, () => {
  it('registers the bank data as v1: 21 columns, target y, binary, 11.2 % positive, class imbalance alerted', async () => {
    await put(datasets, 'bank/automl.json', JSON.stringify({ autoTrain: false }));
    await put(datasets, 'bank/train.csv', bank);
    await waitFor('v1', async () => (await versions('bank')).includes(1), 60_000);
    const v1 = (await (await runtime().api('/datasets/bank/versions/1')).json()) as VersionView;
    expect(v1).toMatchObject({ rows: 32950, columns: 21, target: 'y', task: 'binary' });
    expect(v1.targetInfo.positiveClass).toBe('yes');
    expect(v1.targetInfo.positiveRate).toBeCloseTo(0.112, 3);
    expect(v1.guardrails.find((g) => g.name === 'Class balancing detection')?.status).toBe('alerted');
    expect(v1.drift).toBeNull();
  });

  it('ignores the same bytes dropped again, and gives two files dropped at once v2 and v3', async () => {
    await put(datasets, 'bank/copy-of-train.csv', bank);
    const lines = bank.toString('utf8').split('\n');
    const [header, ...rows] = lines;
    await Promise.all([
      put(datasets, 'bank/first-half.csv', [header, ...rows.slice(0, 16000)].join('\n')),
      put(datasets, 'bank/second-half.csv', [header, ...rows.slice(16000)].join('\n')),
    ]);
    await waitFor('v2 and v3', async () => (await versions('bank')).length >= 3, 60_000);
    // The copy was handled (its receipt exists) and created nothing.
    const hosts = BlobServiceClient.fromConnectionString(runtime().storageConnectionString).getContainerClient(
      'azure-webjobs-hosts',
    );
    await waitFor('the copy processed', async () => {
      for await (const b of hosts.listBlobsFlat({ prefix: 'blobreceipts/' })) {
        if (b.name.endsWith('datasets/bank/copy-of-train.csv')) return true;
      }
      return false;
    });
    expect(await versions('bank')).toEqual([1, 2, 3]);
    const v3 = (await (await runtime().api('/datasets/bank/versions/3')).json()) as VersionView;
    expect(v3.drift?.columns?.length).toBeGreaterThan(0);
  });

  it('quarantines a bad drop with an error report saying what and how to fix', async () => {
    await put(datasets, 'bank/broken.csv', 'just one header line\n');
    const report = await waitFor(
      'quarantine report',
      async () => {
        const blob = quarantine.getBlockBlobClient('bank/broken.csv.error.json');
        return (await blob.exists()) ? JSON.parse((await blob.downloadToBuffer()).toString()) : undefined;
      },
      60_000,
    );
    expect(report).toMatchObject({ schema: 'quarantine-report/v1', source: 'datasets/bank/broken.csv' });
    expect(report.error.code).toMatch(/\w+/);
    expect(await quarantine.getBlockBlobClient('bank/broken.csv').exists()).toBe(true);
    expect(await datasets.getBlockBlobClient('bank/broken.csv').exists()).toBe(false);
    expect(await versions('bank')).toEqual([1, 2, 3]);
  });
});
