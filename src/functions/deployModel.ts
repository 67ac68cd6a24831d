import { app, type InvocationContext } from '@azure/functions';
import { appContext } from '../lib/app/instance';
import { settings } from '../lib/config/settings';
import { deliveryCount, MAX_DELIVERY_COUNT } from '../lib/messaging/delivery';
import { parseMessage } from '../lib/messaging/parse';
import { queues } from '../lib/messaging/queues';
import { deployStage } from '../lib/pipeline/deployStage';

export async function deployModel(message: unknown, context: InvocationContext): Promise<void> {
  const msg = parseMessage(queues.deploy, message);
  const event = await deployStage(appContext(), msg, {
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
