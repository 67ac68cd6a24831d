import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BrokerError } from './brokerError';

/** One queue as declared in servicebus.config.json (durations in milliseconds, sizes in bytes). */
export interface QueueConfig {
  readonly name: string;
  /** Peek-lock duration; Azure's default is 60 s. */
  readonly lockDurationMs?: number;
  /** Deliveries (abandons or lock expiries) before the message is dead-lettered; Azure's default is 10. */
  readonly maxDeliveryCount?: number;
  /** Applied when a message carries no time to live; undefined keeps messages forever. */
  readonly defaultMessageTimeToLiveMs?: number;
  /** Largest accepted message (or batch); Azure Standard allows 256 KB. */
  readonly maxMessageSizeBytes?: number;
  /** Expired messages go to the dead-letter queue instead of vanishing. */
  readonly deadLetteringOnMessageExpiration?: boolean;
}

export type ResolvedQueueConfig = Required<Omit<QueueConfig, 'defaultMessageTimeToLiveMs'>> &
  Pick<QueueConfig, 'defaultMessageTimeToLiveMs'>;

const queueSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(260)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"'),
  lockDurationMs: z.number().int().positive().optional(),
  maxDeliveryCount: z.number().int().positive().optional(),
  defaultMessageTimeToLiveMs: z.number().int().positive().optional(),
  maxMessageSizeBytes: z.number().int().min(1024).optional(),
  deadLetteringOnMessageExpiration: z.boolean().optional(),
});

const fileSchema = z.object({ queues: z.array(queueSchema) });

export function resolveQueue(config: QueueConfig): ResolvedQueueConfig {
  const parsed = queueSchema.safeParse(config);
  if (!parsed.success) {
    throw new BrokerError('servicebus.config', `queue ${JSON.stringify(config.name)}: ${parsed.error.message}`);
  }
  return {
    name: config.name,
    lockDurationMs: config.lockDurationMs ?? 60_000,
    maxDeliveryCount: config.maxDeliveryCount ?? 10,
    defaultMessageTimeToLiveMs: config.defaultMessageTimeToLiveMs,
    maxMessageSizeBytes: config.maxMessageSizeBytes ?? 256 * 1024,
    deadLetteringOnMessageExpiration: config.deadLetteringOnMessageExpiration ?? false,
  };
}

/** Reads and validates a servicebus.config.json file. */
export function loadQueueConfig(path: string): QueueConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new BrokerError('servicebus.config', `cannot read ${path}: ${(err as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new BrokerError('servicebus.config', `${path}: ${parsed.error.message}`);
  const names = new Set<string>();
  for (const queue of parsed.data.queues) {
    const key = queue.name.toLowerCase();
    if (names.has(key)) throw new BrokerError('servicebus.config', `${path}: queue ${queue.name} is declared twice`);
    names.add(key);
  }
  return parsed.data.queues;
}
