import { ServiceBusClient } from '@azure/service-bus';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../support/runtime';
import { waitFor } from '../support/waitFor';

/** A training message that can never succeed ends dead-lettered, with its run failed and the reason recorded. */
const runtime = useRuntime({ settings: { RETRAIN_SCHEDULE: '0 0 0 1 1 *' } });

describe('a poison train message', { timeout: 180_000 }, () => {
  it('is dead-lettered after the max delivery count and its run is marked failed with the reason', async () => {
    const client = new ServiceBusClient(runtime().serviceBusConnectionString);
    try {
      const sender = client.createSender('automl-train');
      await sender.sendMessages({
        messageId: 'ghost-run-0001',
        body: { schema: 'automl-train/v1', runId: 'ghost-run-0001', dataset: 'ghost', version: 3, trigger: 'http' },
      });
      await sender.close();

      const run = await waitFor(
        'run failed',
        async () => {
          const response = await runtime().api('/pipelines/ghost/runs/ghost-run-0001');
          if (response.status !== 200) return undefined;
          const body = (await response.json()) as { status: string; error?: { message: string; userFixable: boolean } };
          return body.status === 'failed' ? body : undefined;
        },
        60_000,
      );
      expect(run.error?.message).toMatch(/ghost v3 is not ready/);
      expect(run.error?.userFixable).toBe(false);

      const dlq = client.createReceiver('automl-train', { subQueueType: 'deadLetter' });
      const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 30_000 });
      expect(dead?.messageId).toBe('ghost-run-0001');
      expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
      await dlq.completeMessage(dead!);
      await dlq.close();
      const activeLock = await runtime().api('/pipelines/ghost/runs');
      expect(((await activeLock.json()) as { active: string | null }).active).toBeNull();
    } finally {
      await client.close();
    }
  });
});
