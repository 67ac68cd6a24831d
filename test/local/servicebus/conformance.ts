import {
  type ServiceBusClient as Client,
  isServiceBusError,
  ServiceBusClient,
  type ServiceBusReceivedMessage,
} from '@azure/service-bus';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConformanceTarget, OpenTarget } from './target';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error code the SDK surfaced, or a marker when the promise did not fail. */
async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (err) {
    return isServiceBusError(err) ? err.code : `not a ServiceBusError: ${String(err)}`;
  }
}

/**
 * The behaviours the app relies on, through the SDK's public API only, against any target. One shared suite,
 * several implementations of the target (local broker, real namespace).
 */
export function describeConformance(target: ConformanceTarget): void {
  const { plain, shortLock, maxDelivery } = target.queues;

  describe(`Service Bus conformance: ${target.name}`, () => {
    let open: OpenTarget;
    let client: Client;
    const extraClients: Client[] = [];

    const newClient = (): Client => {
      const c = new ServiceBusClient(open.connectionString);
      extraClients.push(c);
      return c;
    };

    beforeEach(async () => {
      open = await target.open();
      client = new ServiceBusClient(open.connectionString);
    });

    afterEach(async () => {
      await Promise.all(extraClients.splice(0).map((c) => c.close()));
      await client.close();
      await open.close();
    });

    it('sends single, array and batch messages and receives them in order with their properties', async () => {
      const sender = client.createSender(plain);
      await sender.sendMessages({
        body: { n: 1 },
        messageId: 'm-1',
        subject: 'first',
        contentType: 'application/json',
        correlationId: 'c-1',
        applicationProperties: { tenant: 'a', attempt: 3, flag: true },
      });
      await sender.sendMessages([{ body: 'two' }, { body: 'three' }]);
      const batch = await sender.createMessageBatch();
      expect(batch.tryAddMessage({ body: Buffer.from('four') })).toBe(true);
      expect(batch.tryAddMessage({ body: 5 })).toBe(true);
      await sender.sendMessages(batch);

      const receiver = client.createReceiver(plain);
      const received: ServiceBusReceivedMessage[] = [];
      while (received.length < 5) {
        received.push(...(await receiver.receiveMessages(5 - received.length, { maxWaitTimeInMs: 2000 })));
      }
      expect(received.map((m) => m.body)).toEqual([{ n: 1 }, 'two', 'three', Buffer.from('four'), 5]);
      const first = received[0]!;
      expect(first.messageId).toBe('m-1');
      expect(first.subject).toBe('first');
      expect(first.contentType).toBe('application/json');
      expect(first.correlationId).toBe('c-1');
      expect(first.applicationProperties).toEqual({ tenant: 'a', attempt: 3, flag: true });
      expect(first.deliveryCount).toBe(0);
      expect(first.enqueuedTimeUtc).toBeInstanceOf(Date);
      expect(first.lockedUntilUtc!.getTime()).toBeGreaterThan(Date.now());
      const sequence = received.map((m) => m.sequenceNumber!.toNumber());
      expect([...sequence].sort((a, b) => a - b)).toEqual(sequence);
      expect(new Set(received.map((m) => m.lockToken)).size).toBe(5);
      expect(received.every((m) => typeof m.messageId === 'string' || typeof m.messageId === 'number')).toBe(true);
      for (const m of received) await receiver.completeMessage(m);
      expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    });

    it('completes a message so it is never delivered again', async () => {
      await client.createSender(plain).sendMessages({ body: 'once' });
      const receiver = client.createReceiver(plain);
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      await receiver.completeMessage(m!);
      expect(await receiver.peekMessages(10)).toEqual([]);
      expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    });

    it('receive-and-delete removes messages as they are delivered', async () => {
      await client.createSender(plain).sendMessages([{ body: 1 }, { body: 2 }]);
      const receiver = client.createReceiver(plain, { receiveMode: 'receiveAndDelete' });
      const got: unknown[] = [];
      while (got.length < 2)
        got.push(...(await receiver.receiveMessages(2, { maxWaitTimeInMs: 2000 })).map((m) => m.body));
      expect(got).toEqual([1, 2]);
      expect(await client.createReceiver(plain).peekMessages(10)).toEqual([]);
    });

    it('abandon redelivers with the delivery count raised and the properties modified', async () => {
      await client.createSender(plain).sendMessages({ body: 'retry me', applicationProperties: { a: 1 } });
      const receiver = client.createReceiver(plain);
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      await receiver.abandonMessage(m!, { reason: 'busy' });
      const [again] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(again!.body).toBe('retry me');
      expect(again!.deliveryCount).toBe(1);
      expect(again!.sequenceNumber!.toNumber()).toBe(m!.sequenceNumber!.toNumber());
      expect(again!.applicationProperties).toMatchObject({ a: 1, reason: 'busy' });
      expect(again!.lockToken).not.toBe(m!.lockToken);
      await receiver.completeMessage(again!);
    });

    it('defers a message, hides it from receivers and hands it out by sequence number', async () => {
      await client.createSender(plain).sendMessages([{ body: 'later' }, { body: 'now' }]);
      const receiver = client.createReceiver(plain);
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(m!.body).toBe('later');
      await receiver.deferMessage(m!);
      const [next] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(next!.body).toBe('now');
      await receiver.completeMessage(next!);
      expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
      const peeked = await client.createReceiver(plain).peekMessages(5);
      expect(peeked.map((p) => p.state)).toEqual(['deferred']);
      const [deferred] = await receiver.receiveDeferredMessages([m!.sequenceNumber!]);
      expect(deferred!.body).toBe('later');
      expect(deferred!.state).toBe('deferred');
      await receiver.completeMessage(deferred!);
      expect(await receiver.peekMessages(5)).toEqual([]);
      expect(await errorCode(receiver.receiveDeferredMessages([m!.sequenceNumber!]))).toBe('MessageNotFound');
    });

    it('dead-letters with reason and description into the $DeadLetterQueue sub-queue', async () => {
      await client.createSender(plain).sendMessages({ body: 'poison', messageId: 'p-1' });
      const receiver = client.createReceiver(plain);
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      await receiver.deadLetterMessage(m!, { deadLetterReason: 'Invalid', deadLetterErrorDescription: 'bad body' });
      expect(await receiver.peekMessages(5)).toEqual([]);
      const dlq = client.createReceiver(plain, { subQueueType: 'deadLetter' });
      const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(dead!.body).toBe('poison');
      expect(dead!.messageId).toBe('p-1');
      expect(dead!.deadLetterReason).toBe('Invalid');
      expect(dead!.deadLetterErrorDescription).toBe('bad body');
      expect(dead!.deadLetterSource).toBe(plain);
      await dlq.completeMessage(dead!);
      expect(await dlq.peekMessages(5)).toEqual([]);
    });

    it('redelivers a message whose lock expired and refuses settlement with the lost lock', async () => {
      await client.createSender(shortLock).sendMessages({ body: 'slow' });
      // The SDK renews locks of received messages by itself unless told not to.
      const receiver = client.createReceiver(shortLock, { maxAutoLockRenewalDurationInMs: 0 });
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      await sleep(target.lockDurationMs + 300);
      const [again] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3000 });
      expect(again!.body).toBe('slow');
      expect(again!.deliveryCount).toBe(1);
      expect(await errorCode(receiver.completeMessage(m!))).toBe('MessageLockLost');
      await receiver.completeMessage(again!);
    });

    it('renews a lock explicitly so the holder can settle after the original lock ran out', async () => {
      await client.createSender(shortLock).sendMessages({ body: 'renew' });
      const receiver = client.createReceiver(shortLock, { maxAutoLockRenewalDurationInMs: 0 });
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      const first = m!.lockedUntilUtc!.getTime();
      await sleep(target.lockDurationMs / 3);
      const renewed = await receiver.renewMessageLock(m!);
      expect(renewed.getTime()).toBeGreaterThan(first);
      await sleep((target.lockDurationMs * 2) / 3 + 300);
      await receiver.completeMessage(m!);
      expect(await receiver.peekMessages(5)).toEqual([]);
    });

    it("keeps a lock alive with the SDK's automatic renewal while a handler works", async () => {
      await client.createSender(shortLock).sendMessages({ body: 'long job' });
      const receiver = client.createReceiver(shortLock, { maxAutoLockRenewalDurationInMs: 30_000 });
      const seen: number[] = [];
      const done = new Promise<void>((resolve, reject) => {
        const subscription = receiver.subscribe(
          {
            async processMessage(message) {
              seen.push(message.deliveryCount ?? -1);
              await sleep(target.lockDurationMs * 2);
              await receiver.completeMessage(message);
              await subscription.close();
              resolve();
            },
            async processError(args) {
              reject(args.error);
            },
          },
          { autoCompleteMessages: false },
        );
      });
      await done;
      expect(seen).toEqual([0]);
      expect(await client.createReceiver(shortLock).peekMessages(5)).toEqual([]);
    });

    it('dead-letters a message after the max delivery count with reason MaxDeliveryCountExceeded', async () => {
      await client.createSender(maxDelivery).sendMessages({ body: 'always fails' });
      const receiver = client.createReceiver(maxDelivery);
      for (let i = 0; i < target.maxDeliveryCount; i++) {
        const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
        expect(m!.deliveryCount).toBe(i);
        await receiver.abandonMessage(m!);
      }
      expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
      const dlq = client.createReceiver(maxDelivery, { subQueueType: 'deadLetter' });
      const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(dead!.body).toBe('always fails');
      expect(dead!.deadLetterReason).toBe('MaxDeliveryCountExceeded');
      await dlq.completeMessage(dead!);
    });

    it('counts a lock expiry towards the max delivery count', async () => {
      await client.createSender(maxDelivery).sendMessages({ body: 'expires' });
      const receiver = client.createReceiver(maxDelivery, { maxAutoLockRenewalDurationInMs: 0 });
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      await receiver.abandonMessage(m!);
      await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      await sleep(target.lockDurationMs + 300);
      const dlq = client.createReceiver(maxDelivery, { subQueueType: 'deadLetter' });
      const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(dead!.deadLetterReason).toBe('MaxDeliveryCountExceeded');
      await dlq.completeMessage(dead!);
    });

    it('peeks without locking, in sequence order, continuing from the last peeked message', async () => {
      await client.createSender(plain).sendMessages([1, 2, 3, 4].map((n) => ({ body: n })));
      const peeker = client.createReceiver(plain);
      const firstTwo = await peeker.peekMessages(2);
      const nextTwo = await peeker.peekMessages(2);
      expect([...firstTwo, ...nextTwo].map((m) => m.body)).toEqual([1, 2, 3, 4]);
      expect(firstTwo[0]!.lockToken).toBeUndefined();
      const from = await peeker.peekMessages(10, { fromSequenceNumber: nextTwo[0]!.sequenceNumber });
      expect(from.map((m) => m.body)).toEqual([3, 4]);
      const receiver = client.createReceiver(plain, { receiveMode: 'receiveAndDelete' });
      let count = 0;
      while (count < 4) count += (await receiver.receiveMessages(4, { maxWaitTimeInMs: 2000 })).length;
      expect(count).toBe(4);
    });

    it('schedules messages for later and cancels scheduled ones', async () => {
      const sender = client.createSender(plain);
      const soon = new Date(Date.now() + 1000);
      const [soonSeq] = await sender.scheduleMessages({ body: 'soon' }, soon);
      const [laterSeq] = await sender.scheduleMessages({ body: 'later' }, new Date(Date.now() + 120_000));
      const peeked = await client.createReceiver(plain).peekMessages(5);
      expect(peeked.map((m) => [m.body, m.state])).toEqual([
        ['soon', 'scheduled'],
        ['later', 'scheduled'],
      ]);
      const receiver = client.createReceiver(plain);
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
      expect(Date.now()).toBeGreaterThanOrEqual(soon.getTime());
      expect(m!.body).toBe('soon');
      expect(m!.sequenceNumber!.toNumber()).toBe(soonSeq!.toNumber());
      expect(m!.scheduledEnqueueTimeUtc!.getTime()).toBe(soon.getTime());
      await receiver.completeMessage(m!);
      await sender.cancelScheduledMessages([laterSeq!]);
      expect(await receiver.peekMessages(5)).toEqual([]);
    });

    it('drops a message whose time to live ran out', async () => {
      const sender = client.createSender(plain);
      await sender.sendMessages([{ body: 'short-lived', timeToLive: 300 }, { body: 'lasting' }]);
      await sleep(600);
      const receiver = client.createReceiver(plain);
      const got = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });
      expect(got.map((m) => m.body)).toEqual(['lasting']);
      expect(await receiver.peekMessages(5)).toHaveLength(1);
      await receiver.completeMessage(got[0]!);
    });

    it('answers drains: short receives return what is there and leave credit accounting intact', async () => {
      const sender = client.createSender(plain);
      const receiver = client.createReceiver(plain, { receiveMode: 'receiveAndDelete' });
      expect(await receiver.receiveMessages(10, { maxWaitTimeInMs: 200 })).toEqual([]);
      await sender.sendMessages([{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
      const got: unknown[] = [];
      while (got.length < 3)
        got.push(...(await receiver.receiveMessages(10, { maxWaitTimeInMs: 500 })).map((m) => m.body));
      expect(got).toEqual(['a', 'b', 'c']);
      expect(await receiver.receiveMessages(10, { maxWaitTimeInMs: 200 })).toEqual([]);
      await sender.sendMessages({ body: 'd' });
      const [d] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(d!.body).toBe('d');
    });

    it('shares a queue between competing receivers on several connections without duplicates', async () => {
      const total = 60;
      await newClient()
        .createSender(plain)
        .sendMessages(Array.from({ length: total }, (_, i) => ({ body: i })));
      const receivers = [newClient().createReceiver(plain), newClient().createReceiver(plain)];
      const seen: number[][] = [[], []];
      let got = 0;
      while (got < total) {
        const rounds = await Promise.all(receivers.map((r) => r.receiveMessages(7, { maxWaitTimeInMs: 500 })));
        for (const [i, messages] of rounds.entries()) {
          for (const m of messages) {
            seen[i]!.push(m.body as number);
            await receivers[i]!.completeMessage(m);
          }
          got += messages.length;
        }
      }
      expect(seen[0]!.length).toBeGreaterThan(0);
      expect(seen[1]!.length).toBeGreaterThan(0);
      expect([...seen[0]!, ...seen[1]!].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    });

    it('lets the locks of a client that disconnected expire, then redelivers', async () => {
      const first = newClient();
      await first.createSender(shortLock).sendMessages([{ body: 'x' }, { body: 'y' }]);
      const held = await first.createReceiver(shortLock).receiveMessages(2, { maxWaitTimeInMs: 2000 });
      expect(held).toHaveLength(2);
      await first.close();
      const receiver = client.createReceiver(shortLock);
      const again: ServiceBusReceivedMessage[] = [];
      while (again.length < 2) again.push(...(await receiver.receiveMessages(2, { maxWaitTimeInMs: 3000 })));
      expect(again.map((m) => [m.body, m.deliveryCount])).toEqual([
        ['x', 1],
        ['y', 1],
      ]);
      for (const m of again) await receiver.completeMessage(m);
    });

    it('rejects a message over the max size with MessageSizeExceeded', async () => {
      const sender = client.createSender(plain);
      const big = Buffer.alloc(target.maxMessageSizeBytes + 1024, 1);
      expect(await errorCode(sender.sendMessages({ body: big }))).toBe('MessageSizeExceeded');
      await sender.sendMessages({ body: 'still works' });
      const [m] = await client.createReceiver(plain).receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(m!.body).toBe('still works');
    });

    it('reports an unknown queue as MessagingEntityNotFound', async () => {
      const sender = client.createSender('no-such-queue-here');
      expect(await errorCode(sender.sendMessages({ body: 1 }))).toBe('MessagingEntityNotFound');
    });
  });
}
