import type { InvocationContext } from '@azure/functions';

/** Service Bus queues dead-letter after this many deliveries (servicebus.config.json; README "The flow"). */
export const MAX_DELIVERY_COUNT = 10;

/** The delivery attempt (1-based) from the trigger metadata Azure and the offline host both provide. */
export function deliveryCount(context: InvocationContext): number {
  const n = Number(context.triggerMetadata?.['deliveryCount']);
  return Number.isFinite(n) && n > 0 ? n : 1;
}
