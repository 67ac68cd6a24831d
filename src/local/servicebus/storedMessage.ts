import type { Message } from 'rhea';
import { type DeliveryStamp, decodeMessage } from './codec';
import type { JournalRecord } from './journal';

/** A message held by a queue: the client's AMQP message plus the broker's state for it. */
export interface StoredMessage {
  readonly seq: number;
  /** The message as sent, without broker annotations (dead-lettering adds application properties). */
  message: Message;
  /** `message` encoded: journaled as is and spliced into every delivery. */
  bytes: Buffer;
  readonly enqueuedAt: number;
  readonly expiresAt: number | undefined;
  /** Set while the scheduled enqueue time is in the future. */
  scheduledAt: number | undefined;
  /** Earlier deliveries that ended in abandon or lock expiry (the AMQP header's delivery-count). */
  deliveryCount: number;
  deferred: boolean;
  /** In the `$DeadLetterQueue` sub-queue. */
  dead: boolean;
  lockToken: string | undefined;
  /** Has an entry in its sub-queue's ready heap. */
  queued: boolean;
}

export function stampOf(m: StoredMessage, queueName: string, lockedUntil?: number): DeliveryStamp {
  return {
    sequenceNumber: m.seq,
    enqueuedAt: m.enqueuedAt,
    deliveryCount: m.deliveryCount,
    lockedUntil,
    state: m.deferred ? 1 : m.scheduledAt !== undefined ? 2 : 0,
    deadLetterSource: m.dead ? queueName : undefined,
  };
}

export function toPutRecord(queue: string, m: StoredMessage): JournalRecord {
  return {
    op: 'put',
    q: queue,
    seq: m.seq,
    t: m.enqueuedAt,
    ...(m.expiresAt === undefined ? {} : { x: m.expiresAt }),
    ...(m.scheduledAt === undefined ? {} : { s: m.scheduledAt }),
    n: m.deliveryCount,
    ...(m.deferred ? { deferred: true as const } : {}),
    ...(m.dead ? { dead: true as const } : {}),
    b: m.bytes.toString('base64'),
  };
}

export function fromPutRecord(record: Extract<JournalRecord, { op: 'put' }>): StoredMessage {
  const bytes = Buffer.from(record.b, 'base64');
  return {
    seq: record.seq,
    message: decodeMessage(bytes),
    bytes,
    enqueuedAt: record.t,
    expiresAt: record.x,
    scheduledAt: record.s,
    deliveryCount: record.n,
    deferred: record.deferred === true,
    dead: record.dead === true,
    lockToken: undefined,
    queued: false,
  };
}
