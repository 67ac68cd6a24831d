import { connect } from 'node:net';
import { join } from 'node:path';
import { ServiceBusClient } from '@azure/service-bus';
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../../support/runtime';

const portOpen = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('startRuntime (test/support/runtime.ts)', () => {
  const runtime = useRuntime({ files: [join(__dirname, 'fixtures', 'httpApp.js')] });

  it('serves the functions with its key and hands out working connection strings', async () => {
    const rt = runtime();
    expect((await rt.api('/echo/d/1')).status).toBe(200);
    expect((await fetch(`${rt.baseUrl}/api/echo/d/1`)).status).toBe(401);

    const service = BlobServiceClient.fromConnectionString(rt.storageConnectionString);
    const names: string[] = [];
    for await (const c of service.listContainers()) names.push(c.name);
    expect(names).toEqual(expect.arrayContaining(['datasets', 'registry', 'scoring-inputs', 'scoring-results']));
    expect(process.env['AzureWebJobsStorage']).toBe(rt.storageConnectionString);

    const bus = new ServiceBusClient(rt.serviceBusConnectionString);
    try {
      await bus.createSender('automl-train').sendMessages({ body: { hello: 1 } });
      const [message] = await bus.createReceiver('automl-train').receiveMessages(1, { maxWaitTimeInMs: 5000 });
      expect(message?.body).toEqual({ hello: 1 });
    } finally {
      await bus.close();
    }
  });

  it('stops everything it started', async () => {
    const rt = runtime();
    await rt.stop();
    expect(await portOpen(rt.baseUrl)).toBe(false);
    const blobEndpoint = /BlobEndpoint=([^;]+)/.exec(rt.storageConnectionString)![1]!;
    expect(await portOpen(blobEndpoint)).toBe(false);
    await rt.stop();
  });
});
