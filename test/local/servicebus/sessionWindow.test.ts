import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServiceBus, startLocalServiceBus } from '../../../src/local/servicebus';

/**
 * Regression: settled peek-lock deliveries stayed in rhea's session window, so one receiver stalled for good
 * after 16,384 messages (found by bench:servicebus with 20,000). More than that must flow through one session.
 */
let bus: LocalServiceBus;
let client: ServiceBusClient;
const COUNT = 17_000;

beforeAll(async () => {
  bus = await startLocalServiceBus({
    queues: [{ name: 'window', lockDurationMs: 60_000, maxDeliveryCount: 10, maxMessageSizeBytes: 262_144 }],
  });
  client = new ServiceBusClient(bus.connectionString);
});

afterAll(async () => {
  await client?.close();
  await bus?.stop();
});

describe('one session', { timeout: 120_000 }, () => {
  it(`delivers and completes ${COUNT} peek-lock messages, more than the session window holds`, async () => {
    const sender = client.createSender('window');
    let sent = 0;
    while (sent < COUNT) {
      const batch = await sender.createMessageBatch();
      while (sent < COUNT && batch.tryAddMessage({ body: sent })) sent++;
      await sender.sendMessages(batch);
    }
    const receiver = client.createReceiver('window');
    const seen = new Set<number>();
    await new Promise<void>((resolve, reject) => {
      const subscription = receiver.subscribe(
        {
          async processMessage(message) {
            seen.add(message.body as number);
            if (seen.size === COUNT) setTimeout(() => subscription.close().then(resolve, reject), 0);
          },
          async processError(args) {
            reject(args.error);
          },
        },
        { maxConcurrentCalls: 256 },
      );
    });
    expect(seen.size).toBe(COUNT);
    const [left] = await receiver.peekMessages(1);
    expect(left).toBeUndefined();
    await receiver.close();
  });
});
