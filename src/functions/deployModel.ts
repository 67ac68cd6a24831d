import { app, type InvocationContext } from '@azure/functions';
import { settings } from '../lib/config/settings';
import { parseMessage } from '../lib/messaging/parse';
import { queues } from '../lib/messaging/queues';
import { deliveryCount, MAX_DELIVERY_COUNT } from '../lib/pipeline/delivery';
import { deployStage } from '../lib/pipeline/deployStage';
import { pipeline } from '../lib/runtime/pipeline';

export async function deployModel(message: unknown, context: InvocationContext): Promise<void> {
  const msg = parseMessage(queues.deploy, message);
  const event = await deployStage(pipeline(), msg, {
    minImprovement: settings().DEPLOY_MIN_IMPROVEMENT,
    deliveryCount: deliveryCount(context),
    maxDeliveryCount: MAX_DELIVERY_COUNT,
  });
  context.log(`run ${msg.runId}: ${event === undefined ? 'nothing to do' : `${event.action} (${event.reason})`}`);
}

app.serviceBusQueue('deployModel', {
  queueName: queues.deploy,
  connection: 'ServiceBusConnection',
  handler: deployModel,
});
