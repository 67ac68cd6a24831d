import type { ServiceBusClient, ServiceBusSender } from '@azure/service-bus';
import { transientError } from '../errors';
import { type MessageFor, messageSchemas } from './contracts';
import type { QueueName } from './queues';
import { formatTraceparent, type TraceContext } from './traceContext';

export interface PublishOptions {
  /** Idempotency key: the broker's duplicate detection and our consumers key on it. */
  readonly messageId: string;
  readonly trace: TraceContext;
  /** Deliver no earlier than this time (scheduled message). */
  readonly notBefore?: Date;
}

/** Sends contract-checked messages; a body that breaks its own contract is a bug and never leaves. */
export class Publisher {
  private readonly senders = new Map<QueueName, ServiceBusSender>();

  constructor(private readonly client: ServiceBusClient) {}

  async publish<Q extends QueueName>(queue: Q, body: MessageFor<Q>, options: PublishOptions): Promise<void> {
    const checked = messageSchemas[queue].parse(body);
    let sender = this.senders.get(queue);
    if (sender === undefined) {
      sender = this.client.createSender(queue);
      this.senders.set(queue, sender);
    }
    const message = {
      body: checked,
      contentType: 'application/json',
      messageId: options.messageId,
      correlationId: options.trace.traceId,
      applicationProperties: { traceparent: formatTraceparent(options.trace), schema: checked.schema },
    };
    try {
      if (options.notBefore === undefined) await sender.sendMessages(message);
      else await sender.scheduleMessages(message, options.notBefore);
    } catch (err) {
      throw transientError('servicebus_unavailable', `could not publish to ${queue}: ${(err as Error).message}`, err);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.senders.values()].map((s) => s.close()));
    this.senders.clear();
  }
}
