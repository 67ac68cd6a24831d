import { app, type InvocationContext } from '@azure/functions';
import { appContext } from '../lib/app/instance';
import { deliveryCount, MAX_DELIVERY_COUNT } from '../lib/messaging/delivery';
import { parseMessage } from '../lib/messaging/parse';
import { queues } from '../lib/messaging/queues';
import { runBatchJob } from '../lib/scoring/batch/runBatchJob';

export async function batchWorker(message: unknown, context: InvocationContext): Promise<void> {
  const msg = parseMessage(queues.batch, message);
  const outcome = await runBatchJob(appContext(), msg.jobId, {
    deliveryCount: deliveryCount(context),
    maxDeliveryCount: MAX_DELIVERY_COUNT,
  });
  context.log(`batch job ${msg.jobId}: ${outcome}`);
}

app.serviceBusQueue('batchWorker', {
  queueName: queues.batch,
  connection: 'ServiceBusConnection',
  handler: batchWorker,
});
