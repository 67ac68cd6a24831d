import { join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../../../../src/local/azurite';
import { type RunningHost, startHost } from '../../../../src/local/host/host';
import { blobTimerStatusStore } from '../../../../src/local/host/timer/timerStatus';
import { waitFor } from '../../../support/waitFor';

interface BlobCall {
  blobTrigger: string;
  dataset: string;
  file: string;
  uri: string;
  etag: string;
  isBuffer: boolean;
  text: string;
}
const calls = (): BlobCall[] => (globalThis as unknown as { blobCalls?: BlobCall[] }).blobCalls ?? [];
const callsFor = (name: string) => calls().filter((c) => c.blobTrigger === `datasets/${name}`);

describe('offline host: blob triggers and host storage', () => {
  let azurite: RunningAzurite;
  let host: RunningHost | undefined;
  let datasets: ContainerClient;
  let hosts: ContainerClient;
  const start = async () => {
    host = await startHost({
      files: [join(__dirname, '..', 'fixtures', 'blobApp.js')],
      port: 0,
      env: { AzureWebJobsStorage: azurite.connectionString },
      blobPollIntervalMs: 50,
      hostConfig: { blobs: { poisonBlobThreshold: 3, maxDegreeOfParallelism: 2 } },
      log: () => {},
    });
  };
  const upload = (name: string, text: string) => datasets.getBlockBlobClient(name).upload(text, text.length);
  /** Writes a marker blob and waits for it: every earlier blob has been seen by several polls by then. */
  const settle = async (marker: string) => {
    await upload(marker, 'marker');
    await waitFor(marker, () => callsFor(marker).length > 0);
  };

  beforeAll(async () => {
    azurite = await startAzurite();
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    datasets = service.getContainerClient('datasets');
    hosts = service.getContainerClient('azure-webjobs-hosts');
    await datasets.create();
  });
  afterAll(async () => {
    await host?.stop();
    await azurite.stop();
  });

  it('fires once per blob version with the content as a Buffer and the path parts as metadata', async () => {
    await upload('bank/v1.csv', 'age,y\n30,no\n');
    await upload('not-matching.csv', 'no dataset folder');
    await start();
    const [first] = await waitFor('first blob', () =>
      callsFor('bank/v1.csv').length > 0 ? callsFor('bank/v1.csv') : undefined,
    );
    expect(first).toMatchObject({ dataset: 'bank', file: 'v1.csv', isBuffer: true, text: 'age,y\n30,no\n' });
    expect(first!.uri).toMatch(/\/datasets\/bank\/v1\.csv$/);
    await settle('bank/marker-1');
    expect(callsFor('bank/v1.csv')).toHaveLength(1);
    expect(callsFor('not-matching.csv')).toHaveLength(0);

    await upload('bank/v1.csv', 'age,y\n31,yes\n');
    await waitFor('changed blob', () => callsFor('bank/v1.csv').length === 2);
    await settle('bank/marker-2');
    expect(callsFor('bank/v1.csv').map((c) => c.text)).toEqual(['age,y\n30,no\n', 'age,y\n31,yes\n']);
  });

  it('keeps receipts across a restart and picks up blobs written while the host was down', async () => {
    await host!.stop();
    await upload('bank/while-down.csv', 'late');
    await start();
    await waitFor('blob written while down', () => callsFor('bank/while-down.csv').length > 0);
    await settle('bank/marker-3');
    expect(callsFor('bank/v1.csv')).toHaveLength(2);
    expect(callsFor('bank/while-down.csv')).toHaveLength(1);
    expect(callsFor('bank/marker-1')).toHaveLength(1);
  });

  it('retries a failing blob up to poisonBlobThreshold, then records it as poison', async () => {
    await upload('bank/broken.csv', 'fail: not a csv');
    const record = await waitFor('poison record', async () => {
      const blob = hosts.getBlockBlobClient('blobpoison/automl-functions-local/onDataset/datasets/bank/broken.csv');
      return (await blob.exists()) ? JSON.parse((await blob.downloadToBuffer()).toString()) : undefined;
    });
    expect(record).toMatchObject({ functionName: 'onDataset', name: 'bank/broken.csv', attempts: 3, status: 'poison' });
    expect(record.error).toContain('cannot read this dataset');
    await settle('bank/marker-4');
    expect(callsFor('bank/broken.csv')).toHaveLength(3);
  });

  it('hands clients instead of the content to an sdkBinding trigger', async () => {
    await datasets.getBlockBlobClient('large/big.csv').uploadData(Buffer.alloc(3 * 1024 * 1024, 65));
    const call = await waitFor('sdk binding call', () =>
      calls().find((c) => c.blobTrigger === 'sdk:datasets/large/big.csv'),
    );
    expect(call).toMatchObject({ bytes: 3 * 1024 * 1024 });
  });

  it('keeps timer status in the same host container (what makes isPastDue survive restarts)', async () => {
    const store = blobTimerStatusStore(hosts, 'automl-functions-local');
    expect(await store.read('nightly')).toBeUndefined();
    const status = { Last: '2026-01-01T00:00:00.000Z', Next: '2026-01-02T00:00:00.000Z', LastUpdated: 'now' };
    await store.write('nightly', status);
    expect(await store.read('nightly')).toEqual(status);
    expect(await hosts.getBlockBlobClient('timers/automl-functions-local/nightly/status').exists()).toBe(true);
  });
});
