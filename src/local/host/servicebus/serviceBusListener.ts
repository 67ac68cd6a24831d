import { ServiceBusClient, type ServiceBusReceivedMessage, type ServiceBusReceiver } from '@azure/service-bus';
import { connectionString, resolveSettingRefs } from '../appSettings';
import { type RegisteredFunction, triggerOf } from '../capture';
import { drain } from '../drain';
import type { HostLog } from '../hostLog';
import type { Invoker } from '../invoker';
import type { TriggerListener } from '../triggerListener';

export interface ServiceBusListenerOptions {
  readonly functions: readonly RegisteredFunction[];
  readonly invoker: Invoker;
  readonly env: NodeJS.ProcessEnv;
  /** host.json extensions.serviceBus. */
  readonly maxConcurrentCalls: number;
  readonly maxAutoLockRenewalDurationMs: number;
  /** How long stop() waits for running invocations; the rest are redelivered when their lock expires. */
  readonly shutdownGraceMs: number;
  readonly log: HostLog;
}

/**
 * Service Bus triggers over `@azure/service-bus`, as the Functions extension runs them: peek-lock, the lock
 * renewed while the function runs (up to maxAutoLockRenewalDuration), complete on success, abandon on a
 * throw (the broker redelivers, then dead-letters after maxDeliveryCount).
 */
export async function startServiceBusListener(options: ServiceBusListenerOptions): Promise<TriggerListener> {
  // Batches and sessions change the handler's contract; refuse them (before connecting) rather than run them wrongly.
  for (const fn of options.functions) {
    const trigger = triggerOf(fn);
    if (trigger['cardinality'] === 'many' || trigger['isSessionsEnabled'] === true) {
      throw new Error(`[${fn.name}] Service Bus batches (cardinality "many") and sessions are not run offline`);
    }
  }
  const clients = new Map<string, ServiceBusClient>();
  const receivers: ServiceBusReceiver[] = [];
  const closers: (() => Promise<void>)[] = [];
  const inFlight = new Set<Promise<void>>();

  const stop = async (): Promise<void> => {
    await Promise.allSettled(closers.map((close) => close()));
    await drain(inFlight, options.shutdownGraceMs);
    await Promise.allSettled(receivers.map((r) => r.close()));
    await Promise.allSettled([...clients.values()].map((c) => c.close()));
  };
  try {
    for (const fn of options.functions) {
      const trigger = triggerOf(fn);
      const connection = typeof trigger['connection'] === 'string' ? trigger['connection'] : 'AzureWebJobsServiceBus';
      const text = connectionString(options.env, connection, 'Service Bus');
      let client = clients.get(text);
      if (client === undefined) {
        client = new ServiceBusClient(text);
        clients.set(text, client);
      }
      const receiverOptions = {
        receiveMode: 'peekLock' as const,
        maxAutoLockRenewalDurationInMs: options.maxAutoLockRenewalDurationMs,
      };
      const queueName = trigger['queueName'];
      const receiver =
        typeof queueName === 'string'
          ? client.createReceiver(resolveSettingRefs(queueName, options.env), receiverOptions)
          : client.createReceiver(
              resolveSettingRefs(String(trigger['topicName']), options.env),
              resolveSettingRefs(String(trigger['subscriptionName']), options.env),
              receiverOptions,
            );
      receivers.push(receiver);

      const handle = async (message: ServiceBusReceivedMessage): Promise<void> => {
        const invocation = options.invoker.begin(fn, triggerMetadataOf(message));
        const name = `[${fn.name}] message ${String(message.messageId)} (delivery ${(message.deliveryCount ?? 0) + 1})`;
        let failure: unknown;
        try {
          await invocation.run(triggerInput(message.body));
        } catch (err) {
          failure = err;
          options.log('warning', `${name} failed, abandoned: ${err instanceof Error ? err.message : String(err)}`);
        }
        try {
          if (failure === undefined) await receiver.completeMessage(message);
          else await receiver.abandonMessage(message);
        } catch (err) {
          // Lock lost or receiver closed (stopping): the broker redelivers the message.
          options.log('warning', `${name} could not be settled: ${err instanceof Error ? err.message : String(err)}`);
        }
      };
      const subscription = receiver.subscribe(
        {
          processMessage: (message) => {
            const task = handle(message);
            inFlight.add(task);
            return task.finally(() => inFlight.delete(task));
          },
          processError: async (args) => {
            options.log('warning', `[${fn.name}] Service Bus ${args.errorSource}: ${args.error.message}`);
          },
        },
        { autoCompleteMessages: false, maxConcurrentCalls: options.maxConcurrentCalls },
      );
      closers.push(() => subscription.close());
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { stop };
}

/** The trigger input as the Node worker hands it over: JSON text arrives parsed; other text and bytes as sent. */
export function triggerInput(body: unknown): unknown {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
  if (text === undefined) return body;
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return body;
}

/**
 * Binding data the Service Bus extension exposes, camelCased as `@azure/functions` presents it. The JS SDK
 * reports the AMQP header's count of earlier deliveries (0 on the first); the extension, built on the .NET
 * SDK, counts this delivery too (1 on the first), and that is what functions see in Azure.
 */
export function triggerMetadataOf(message: ServiceBusReceivedMessage): Record<string, unknown> {
  return {
    messageId: message.messageId,
    deliveryCount: (message.deliveryCount ?? 0) + 1,
    enqueuedTimeUtc: message.enqueuedTimeUtc?.toISOString(),
    expiresAtUtc: message.expiresAtUtc?.toISOString(),
    sequenceNumber: message.sequenceNumber?.toString(),
    lockToken: message.lockToken,
    correlationId: message.correlationId,
    contentType: message.contentType,
    subject: message.subject,
    label: message.subject,
    replyTo: message.replyTo,
    to: message.to,
    sessionId: message.sessionId,
    applicationProperties: message.applicationProperties ?? {},
    userProperties: message.applicationProperties ?? {},
  };
}
