import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalServiceBus } from '../../../src/local/servicebus';
import type { QueueConfig } from '../../../src/local/servicebus/config';

const QUEUES: QueueConfig[] = [{ name: 'durable', lockDurationMs: 30_000 }];

async function receiveAll(
  client: ServiceBusClient,
  queue: string,
  expected: number,
): Promise<ServiceBusReceivedMessage[]> {
  const receiver = client.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
  const got: ServiceBusReceivedMessage[] = [];
  while (got.length < expected) {
    const batch = await receiver.receiveMessages(expected - got.length, { maxWaitTimeInMs: 2000 });
    if (batch.length === 0) break;
    got.push(...batch);
  }
  got.push(...(await receiver.receiveMessages(10, { maxWaitTimeInMs: 200 })));
  await receiver.close();
  return got;
}

describe('local Service Bus durability (journal)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'servicebus-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every message and its state across a restart; locks are released', async () => {
    let bus = await startLocalServiceBus({ queues: QUEUES, dataDir: dir });
    let client = new ServiceBusClient(bus.connectionString);
    const sender = client.createSender('durable');
    await sender.sendMessages(['done', 'retried', 'deferred', 'dead', 'locked', 'untouched'].map((body) => ({ body })));
    const [scheduledSeq] = await sender.scheduleMessages({ body: 'scheduled' }, new Date(Date.now() + 60_000));
    const receiver = client.createReceiver('durable');
    const got: ServiceBusReceivedMessage[] = [];
    while (got.length < 5) got.push(...(await receiver.receiveMessages(5 - got.length, { maxWaitTimeInMs: 2000 })));
    const [done, retried, deferred, dead] = got;
    await receiver.completeMessage(done!);
    await receiver.abandonMessage(retried!);
    await receiver.deferMessage(deferred!);
    await receiver.deadLetterMessage(dead!, { deadLetterReason: 'Bad', deadLetterErrorDescription: 'why' });
    // got[4] ('locked') stays locked while the broker stops.
    await client.close();
    await bus.stop();

    bus = await startLocalServiceBus({ queues: QUEUES, dataDir: dir });
    client = new ServiceBusClient(bus.connectionString);
    try {
      const peeked = await client.createReceiver('durable').peekMessages(10);
      expect(peeked.map((m) => [m.body, m.state])).toEqual([
        ['retried', 'active'],
        ['deferred', 'deferred'],
        ['locked', 'active'],
        ['untouched', 'active'],
        ['scheduled', 'scheduled'],
      ]);
      const active = await receiveAll(client, 'durable', 3);
      expect(active.map((m) => [m.body, m.deliveryCount])).toEqual([
        ['retried', 1],
        ['locked', 0],
        ['untouched', 0],
      ]);
      const [again] = await client.createReceiver('durable').receiveDeferredMessages([deferred!.sequenceNumber!]);
      expect(again!.body).toBe('deferred');
      const dlq = await receiveAll(client, 'durable/$DeadLetterQueue', 1);
      expect(dlq.map((m) => [m.body, m.deadLetterReason, m.deadLetterErrorDescription])).toEqual([
        ['dead', 'Bad', 'why'],
      ]);
      await client.createSender('durable').cancelScheduledMessages([scheduledSeq!]);
      const [next] = await client
        .createSender('durable')
        .scheduleMessages({ body: 'n' }, new Date(Date.now() + 60_000));
      expect(next!.toNumber()).toBeGreaterThan(scheduledSeq!.toNumber());
    } finally {
      await client.close();
      await bus.stop();
    }
  });

  it("refuses a data folder a live broker process owns, and takes over a killed one's", async () => {
    writeFileSync(join(dir, 'broker.pid'), String(process.ppid));
    await expect(startLocalServiceBus({ queues: QUEUES, dataDir: dir })).rejects.toMatchObject({
      code: 'servicebus.data-in-use',
    });
    const exited = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    writeFileSync(join(dir, 'broker.pid'), String(exited.pid));
    const bus = await startLocalServiceBus({ queues: QUEUES, dataDir: dir });
    await bus.stop();
  });

  it('compacts the journal and replays the compacted state', async () => {
    const compactBytes = 64 * 1024;
    let bus = await startLocalServiceBus({ queues: QUEUES, dataDir: dir, compactBytes });
    let client = new ServiceBusClient(bus.connectionString);
    const sender = client.createSender('durable');
    const body = 'x'.repeat(200);
    for (let round = 0; round < 5; round++) {
      await sender.sendMessages(Array.from({ length: 120 }, () => ({ body })));
      expect(await receiveAll(client, 'durable', 120)).toHaveLength(120);
    }
    await sender.sendMessages([{ body: 'kept-1' }, { body: 'kept-2' }]);
    await client.close();
    await bus.stop();
    // 600 enqueues of ~400 journal bytes each (and their deletes) would be ~250 KB without compaction.
    expect(statSync(join(dir, 'journal.jsonl')).size).toBeLessThan(2 * compactBytes);

    bus = await startLocalServiceBus({ queues: QUEUES, dataDir: dir, compactBytes });
    client = new ServiceBusClient(bus.connectionString);
    try {
      expect((await receiveAll(client, 'durable', 2)).map((m) => m.body)).toEqual(['kept-1', 'kept-2']);
    } finally {
      await client.close();
      await bus.stop();
    }
  });
});
