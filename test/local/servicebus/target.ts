import { ServiceBusClient } from '@azure/service-bus';
import { startLocalServiceBus } from '../../../src/local/servicebus';
import type { QueueConfig } from '../../../src/local/servicebus/config';

/** The queues the conformance suite uses, by role, and the settings the suite relies on. */
export interface SuiteQueues {
  /** Default settings: lock long enough for any test, generous max delivery count. */
  readonly plain: string;
  /** Short lock (`lockDurationMs`) for expiry and renewal tests. */
  readonly shortLock: string;
  /** Max delivery count `maxDeliveryCount`, short lock. */
  readonly maxDelivery: string;
}

/** One Service Bus the suite can run against: the local broker or a real namespace. */
export interface ConformanceTarget {
  readonly name: string;
  readonly queues: SuiteQueues;
  readonly lockDurationMs: number;
  readonly maxDeliveryCount: number;
  /** Max message size of the plain queue. */
  readonly maxMessageSizeBytes: number;
  /** A namespace whose suite queues are empty. */
  open(): Promise<OpenTarget>;
}

export interface OpenTarget {
  readonly connectionString: string;
  close(): Promise<void>;
}

const LOCAL_QUEUES: SuiteQueues = {
  plain: 'suite-plain',
  shortLock: 'suite-short-lock',
  maxDelivery: 'suite-max-delivery',
};

export function localQueueConfig(lockDurationMs: number, maxDeliveryCount: number): QueueConfig[] {
  return [
    { name: LOCAL_QUEUES.plain, lockDurationMs: 30_000 },
    { name: LOCAL_QUEUES.shortLock, lockDurationMs },
    { name: LOCAL_QUEUES.maxDelivery, lockDurationMs, maxDeliveryCount },
  ];
}

/** A fresh in-memory local broker per test: isolation costs a few milliseconds. */
export function localTarget(): ConformanceTarget {
  const lockDurationMs = 1500;
  const maxDeliveryCount = 2;
  return {
    name: 'local broker',
    queues: LOCAL_QUEUES,
    lockDurationMs,
    maxDeliveryCount,
    maxMessageSizeBytes: 256 * 1024,
    async open() {
      const bus = await startLocalServiceBus({ queues: localQueueConfig(lockDurationMs, maxDeliveryCount) });
      return { connectionString: bus.connectionString, close: () => bus.stop() };
    },
  };
}

/**
 * A real namespace from SERVICEBUS_CONFORMANCE_CONNECTION, with three pre-created queues (names overridable):
 * conformance-plain (defaults), conformance-short-lock (lock 5 s) and conformance-max-delivery (lock 5 s, max
 * delivery count 2). Undefined when the variable is not set.
 */
export function realTarget(env = process.env): ConformanceTarget | undefined {
  const connectionString = env['SERVICEBUS_CONFORMANCE_CONNECTION'];
  if (!connectionString) return undefined;
  const queues: SuiteQueues = {
    plain: env['SERVICEBUS_CONFORMANCE_PLAIN'] ?? 'conformance-plain',
    shortLock: env['SERVICEBUS_CONFORMANCE_SHORT_LOCK'] ?? 'conformance-short-lock',
    maxDelivery: env['SERVICEBUS_CONFORMANCE_MAX_DELIVERY'] ?? 'conformance-max-delivery',
  };
  return {
    name: 'real namespace',
    queues,
    lockDurationMs: Number(env['SERVICEBUS_CONFORMANCE_LOCK_MS'] ?? 5000),
    maxDeliveryCount: 2,
    maxMessageSizeBytes: Number(env['SERVICEBUS_CONFORMANCE_MAX_SIZE'] ?? 256 * 1024),
    async open() {
      await purge(connectionString, Object.values(queues));
      return { connectionString, close: async () => {} };
    },
  };
}

/** Empties queues and their dead-letter queues (a real namespace keeps state between tests). */
async function purge(connectionString: string, queues: readonly string[]): Promise<void> {
  const client = new ServiceBusClient(connectionString);
  try {
    for (const queue of queues) {
      for (const subQueueType of [undefined, 'deadLetter'] as const) {
        const receiver = client.createReceiver(queue, { receiveMode: 'receiveAndDelete', subQueueType });
        while ((await receiver.receiveMessages(100, { maxWaitTimeInMs: 1000 })).length > 0) {}
        await receiver.close();
      }
    }
  } finally {
    await client.close();
  }
}
