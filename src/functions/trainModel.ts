import { app, type InvocationContext } from '@azure/functions';
import { codeVersion } from '../lib/app/codeVersion';
import { appContext } from '../lib/app/instance';
import { primaryMetricDefaults, settings } from '../lib/config/settings';
import { deliveryCount, MAX_DELIVERY_COUNT } from '../lib/messaging/delivery';
import { parseMessage } from '../lib/messaging/parse';
import { queues } from '../lib/messaging/queues';
import { trainStage } from '../lib/pipeline/trainStage';

/** functionTimeout is 10 minutes: training plus registration must end well inside it. */
const MAX_BUDGET_SECONDS = 480;

export async function trainModel(message: unknown, context: InvocationContext): Promise<void> {
  const msg = parseMessage(queues.train, message);
  const s = settings();
  const outcome = await trainStage(appContext(), msg, {
    maxBudgetSeconds: MAX_BUDGET_SECONDS,
    deliveryCount: deliveryCount(context),
    maxDeliveryCount: MAX_DELIVERY_COUNT,
    codeVersion: codeVersion(),
    defaults: { budgetSeconds: s.AUTOML_TIME_BUDGET_SECONDS, primaryMetrics: primaryMetricDefaults(s) },
  });
  context.log(`run ${msg.runId}: ${outcome}`);
}

app.serviceBusQueue('trainModel', { queueName: queues.train, connection: 'ServiceBusConnection', handler: trainModel });
