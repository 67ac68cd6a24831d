import { join } from 'node:path';
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHost, startHost } from '../../../../src/local/host/host';
import { type LocalServiceBus, startLocalServiceBus } from '../../../../src/local/servicebus';
import { waitFor } from '../../../support/waitFor';

interface Call {
  message: Record<string, unknown>;
  messageId: string;
  deliveryCount: number;
  enqueuedTimeUtc: string;
  correlationId?: string;
  applicationProperties: Record<string, unknown>;
}
const state = () =>
  (globalThis as unknown as { busState: { calls: Call[]; running: number; maxRunning: number } }).busState;
const callsFor = (id: string) => (state()?.calls ?? []).filter((c) => c.messageId === id);

describe('offline host: Service Bus triggers (local broker)', () => {
  let bus: LocalServiceBus;
  let host: RunningHost;
  let client: ServiceBusClient;
  const send = (messageId: string, body: object, extra: object = {}) =>
    client.createSender('jobs').sendMessages({ messageId, body, ...extra });

  beforeAll(async () => {
    bus = await startLocalServiceBus({ queues: [{ name: 'jobs', lockDurationMs: 1000, maxDeliveryCount: 5 }] });
    client = new ServiceBusClient(bus.connectionString);
    host = await startHost({
      files: [join(__dirname, '..', 'fixtures', 'busApp.js')],
      port: 0,
      env: { ServiceBusConnection: bus.connectionString, JOB_QUEUE: 'jobs' },
      hostConfig: { serviceBus: { maxConcurrentCalls: 2, maxAutoLockRenewalDurationMs: 60_000 } },
      log: () => {},
    });
  });
  afterAll(async () => {
    await host?.stop();
    await client?.close();
    await bus?.stop();
  });

  /** Nothing left in the queue: every delivery was completed (or is still locked, which peek also shows). */
  const queueEmpty = async () => (await client.createReceiver('jobs').peekMessages(10)).length === 0;

  it('hands the body and trigger metadata to the handler and completes on success', async () => {
    await send('m-ok', { run: 1 }, { correlationId: 'corr-1', applicationProperties: { traceparent: 'tp' } });
    const [call] = await waitFor('delivery', () => (callsFor('m-ok').length > 0 ? callsFor('m-ok') : undefined));
    expect(call).toMatchObject({
      message: { run: 1 },
      messageId: 'm-ok',
      deliveryCount: 1,
      correlationId: 'corr-1',
      applicationProperties: { traceparent: 'tp' },
    });
    expect(Number.isNaN(Date.parse(call!.enqueuedTimeUtc))).toBe(false);
    await waitFor('completion', queueEmpty);
  });

  it('abandons on a throw, so the broker redelivers until the handler succeeds', async () => {
    await send('m-retry', { failUntil: 2 });
    await waitFor('third delivery', () => callsFor('m-retry').length === 3);
    await waitFor('completion', queueEmpty);
    expect(callsFor('m-retry').map((c) => c.deliveryCount)).toEqual([1, 2, 3]);
  });

  it('renews the lock of a long run and never runs more than maxConcurrentCalls at once', async () => {
    // Each holds its message 2.5 lock durations: without renewal the broker would redeliver it.
    await Promise.all(['a', 'b', 'c'].map((id) => send(`m-slow-${id}`, { holdMs: 2500 })));
    await waitFor('slow messages', () => ['a', 'b', 'c'].every((id) => callsFor(`m-slow-${id}`).length > 0), 20_000);
    await waitFor('completion', queueEmpty, 20_000);
    for (const id of ['a', 'b', 'c']) expect(callsFor(`m-slow-${id}`).map((c) => c.deliveryCount)).toEqual([1]);
    expect(state().maxRunning).toBe(2);
  });
});
