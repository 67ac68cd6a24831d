import { app, type InvocationContext } from '@azure/functions';
import { parseMessage } from '../lib/messaging/parse';
import { queues } from '../lib/messaging/queues';
import { deliveryCount, MAX_DELIVERY_COUNT } from '../lib/pipeline/delivery';
import { trainStage } from '../lib/pipeline/trainStage';
import { codeVersion } from '../lib/runtime/codeVersion';
import { pipeline } from '../lib/runtime/pipeline';

/** functionTimeout is 10 minutes: training plus registration must end well inside it. */
const MAX_BUDGET_SECONDS = 480;

export async function trainModel(message: unknown, context: InvocationContext): Promise<void> {
  const msg = parseMessage(queues.train, message);
  const outcome = await trainStage(pipeline(), msg, {
    maxBudgetSeconds: MAX_BUDGET_SECONDS,
    deliveryCount: deliveryCount(context),
    maxDeliveryCount: MAX_DELIVERY_COUNT,
    codeVersion: codeVersion(),
  });
  context.log(`run ${msg.runId}: ${outcome}`);
}

app.serviceBusQueue('trainModel', { queueName: queues.train, connection: 'ServiceBusConnection', handler: trainModel });
