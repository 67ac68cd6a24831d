import { userError } from '../errors';
import { type MessageFor, messageSchemas } from './contracts';
import type { QueueName } from './queues';

/**
 * Checks a received body against its queue's contract. A body that fails is a poison message: not
 * retryable, so the consumer dead-letters it at once instead of burning ten deliveries.
 */
export function parseMessage<Q extends QueueName>(queue: Q, body: unknown): MessageFor<Q> {
  const decoded = typeof body === 'string' ? tryJson(body) : Buffer.isBuffer(body) ? tryJson(body.toString()) : body;
  const result = messageSchemas[queue].safeParse(decoded);
  if (!result.success) {
    throw userError('invalid_message', `message on ${queue} does not match its contract`, {
      details: result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
    });
  }
  return result.data as MessageFor<Q>;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
