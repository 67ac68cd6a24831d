import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDataset } from '../../src/functions/registerDataset';
import { scoreDrop } from '../../src/functions/scoreDrop';
import { resetAppContext } from '../../src/lib/app/instance';
import { createServices, setServices } from '../../src/lib/app/services';
import { allContainers } from '../../src/lib/storage/containers';
import { LogTelemetry } from '../../src/lib/telemetry/logTelemetry';
import { type LocalServiceBus, startLocalServiceBus } from '../../src/local/servicebus';
import { accountSnapshot, snapshotChanges } from '../support/accountSnapshot';
import { useAzuriteStore } from '../support/azuriteStore';

/**
 * Issue 16, finding 1: the blob triggers called as Azure calls them, with `{dataset}` and `{file}` that climb out
 * of their container. A refused name touches nothing anywhere, is logged once as an event and does not throw.
 */
const azurite = useAzuriteStore();
let bus: LocalServiceBus | undefined;
const events: Record<string, unknown>[] = [];

beforeAll(async () => {
  bus = await startLocalServiceBus();
  const base = createServices({
    AzureWebJobsStorage: azurite.connectionString,
    ServiceBusConnection: bus.connectionString,
  });
  await setServices({ ...base, telemetry: new LogTelemetry((line) => events.push(JSON.parse(line))) });
  resetAppContext();
  const store = azurite.store;
  for (const c of allContainers) await store.ensureContainer(c);
  await store.writeText('registry', 'canary/victim.json', '{"secret":true}', 'application/json');
  await store.writeJson('registry', 'deployments/bank.json', {
    schema: 'deployment/v1',
    dataset: 'bank',
    modelVersion: 1,
    deployedAt: '2024-01-01T00:00:00.000Z',
    history: [],
  });
  await store.writeText('datasets', 'bank/train.csv', 'a,y\n1,yes\n2,no\n', 'text/csv');
});

afterAll(async () => {
  await setServices(undefined);
  resetAppContext();
  await bus?.stop();
});

const invocation = (functionName: string, triggerMetadata: Record<string, unknown>) =>
  new InvocationContext({ functionName, triggerMetadata, logHandler: () => {} });

const hostile: [dataset: string, file: string][] = [
  ['ds', '../../registry/canary/victim.json'],
  ['ds', '../../registry/deployments/bank.json'],
  ['ds', '%2E%2E/%2E%2E/registry/canary/victim.json'],
  ['..', 'registry/canary/victim.json'],
  ['bank', '../../datasets/bank/train.csv'],
  ['ds', '..\\..\\registry\\canary\\victim.json'],
];

describe('blob triggers refuse names that leave their container', { timeout: 60_000 }, () => {
  it.each(hostile)(
    'registerDataset with {dataset: %j, file: %j} touches nothing and logs once',
    async (dataset, file) => {
      const before = await accountSnapshot(azurite.store.service);
      const seen = events.length;
      await expect(
        registerDataset(undefined, invocation('registerDataset', { dataset, file })),
      ).resolves.toBeUndefined();
      expect(snapshotChanges(before, await accountSnapshot(azurite.store.service))).toEqual([]);
      const logged = events.slice(seen);
      expect(logged.filter((e) => e['kind'] === 'exception')).toEqual([]);
      expect(logged.filter((e) => e['name'] === 'BlobNameRefused')).toHaveLength(1);
      expect(logged.find((e) => e['name'] === 'BlobNameRefused')).toMatchObject({
        container: 'datasets',
        blob: `${dataset}/${file}`,
      });
    },
  );

  it.each(hostile)('scoreDrop with {dataset: %j, file: %j} touches nothing and logs once', async (dataset, file) => {
    const before = await accountSnapshot(azurite.store.service);
    const seen = events.length;
    const metadata = { dataset, file, properties: { etag: '"0x8DC0000000000"' } };
    await expect(scoreDrop(undefined, invocation('scoreDrop', metadata))).resolves.toBeUndefined();
    expect(snapshotChanges(before, await accountSnapshot(azurite.store.service))).toEqual([]);
    const logged = events.slice(seen);
    expect(logged.filter((e) => e['kind'] === 'exception')).toEqual([]);
    expect(logged.filter((e) => e['name'] === 'BlobNameRefused')).toHaveLength(1);
  });
});
