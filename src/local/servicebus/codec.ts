import { randomUUID } from 'node:crypto';
import { message as amqpMessage, type Message, type Typed, types } from 'rhea';
import { amqpCodec, headerSection } from './rheaInternals';

/** Message format of a `sendMessages([...])` / batch transfer: data sections that are each an encoded message. */
export const BATCH_FORMAT = 0x80013700;

/** Broker-owned annotations, stripped from stored messages and written fresh on every delivery. */
const BROKER_ANNOTATIONS = [
  'x-opt-sequence-number',
  'x-opt-enqueued-time',
  'x-opt-locked-until',
  'x-opt-message-state',
  'x-opt-deadletter-source',
  'x-opt-enqueue-sequence-number',
] as const;

/** A value that rhea's `types.wrap` encodes as the given AMQP type instead of guessing from the JS value. */
export function typed(value: Typed): { toRheaTyped(): Typed } {
  return { toRheaTyped: () => value };
}

/** Lock tokens travel as delivery tags in .NET GUID byte order: the first three groups byte-swapped. */
export function lockTokenToTag(token: string): Buffer {
  const b = Buffer.from(token.replace(/-/g, ''), 'hex');
  return Buffer.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
}

export function uuidBytes(token: string): Buffer {
  return Buffer.from(token.replace(/-/g, ''), 'hex');
}

/** A `uuid` from a $management body (16 bytes, network order) as the canonical lower-case string. */
export function uuidString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (!Buffer.isBuffer(value) || value.length !== 16) return undefined;
  const h = value.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A sequence number from a $management body: a long decodes as a number or an 8-byte big-endian buffer. */
export function sequenceNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (Buffer.isBuffer(value) && value.length === 8) return Number(value.readBigInt64BE(0));
  return undefined;
}

export function newLockToken(): string {
  return randomUUID();
}

/** The messages inside one transfer (with their encoding when the transfer carried it): one, or a batch. */
export function unpackTransfer(
  payload: Message | Buffer,
  format: number | undefined,
): { message: Message; bytes?: Buffer }[] {
  if (!Buffer.isBuffer(payload)) return [{ message: payload }];
  if (format !== BATCH_FORMAT) throw new Error(`unsupported message format 0x${(format ?? 0).toString(16)}`);
  const outer = decodeMessage(payload);
  const body = outer.body as { typecode?: number; content?: unknown; multiple?: boolean } | undefined;
  if (body?.typecode !== 0x75) throw new Error('batch message without data sections');
  const parts = body.multiple ? (body.content as Buffer[]) : [body.content as Buffer];
  return parts.map((part) => ({ message: decodeMessage(part), bytes: part }));
}

/**
 * Normalises a message as it enters a queue: drops annotations the broker owns (a client may re-send a received
 * message) and assigns a message id when the sender left it out. Returns the bytes to store: `bytes` when the
 * message was left unchanged, a fresh encoding otherwise.
 */
export function admit(msg: Message, bytes?: Buffer): { message: Message; bytes: Buffer } {
  let changed = false;
  const annotations = msg.message_annotations;
  if (annotations) {
    for (const key of BROKER_ANNOTATIONS) {
      if (key in annotations) {
        delete annotations[key];
        changed = true;
      }
    }
    if (Object.keys(annotations).length === 0) delete msg.message_annotations;
  }
  if (msg.message_id === undefined || msg.message_id === null) {
    msg.message_id = randomUUID();
    changed = true;
  }
  return { message: msg, bytes: bytes !== undefined && !changed ? bytes : amqpMessage.encode(msg) };
}

export function encodeMessage(msg: Message): Buffer {
  return amqpMessage.encode(msg);
}

export function decodeMessage(bytes: Buffer): Message {
  return amqpMessage.decode(bytes) as unknown as Message;
}

/** What the broker stamps on a message when it hands it out. */
export interface DeliveryStamp {
  readonly sequenceNumber: number;
  readonly enqueuedAt: number;
  readonly deliveryCount: number;
  readonly lockedUntil?: number;
  /** 0 active, 1 deferred, 2 scheduled (Azure's `x-opt-message-state`). */
  readonly state: 0 | 1 | 2;
  readonly deadLetterSource?: string;
}

/** Descriptor codes of the sections the broker rewrites per delivery: header and both annotation maps. */
const REWRITTEN_SECTIONS = new Set<unknown>([
  0x70,
  0x71,
  0x72,
  'amqp:header:list',
  'amqp:delivery-annotations:map',
  'amqp:message-annotations:map',
]);

/** Properties, application properties, body and footer of an encoded message: the bytes after its header and annotations. */
const tails = new WeakMap<Buffer, Buffer>();

function tailOf(bytes: Buffer): Buffer {
  let tail = tails.get(bytes);
  if (tail === undefined) {
    const reader = new amqpCodec.Reader(bytes);
    let start = 0;
    while (reader.position < bytes.length) {
      const section = reader.read() as { descriptor?: { value?: unknown } };
      if (!REWRITTEN_SECTIONS.has(section.descriptor?.value)) break;
      start = reader.position;
    }
    tail = bytes.subarray(start);
    tails.set(bytes, tail);
  }
  return tail;
}

/**
 * Encodes a stored message for delivery or peek: a fresh header (delivery count) and message annotations (the
 * broker's), then the stored encoding's remaining sections as they are.
 */
export function encodeForDelivery(msg: Message, bytes: Buffer, stamp: DeliveryStamp): Buffer {
  const annotations: Record<string, unknown> = {
    ...msg.message_annotations,
    'x-opt-sequence-number': typed(types.wrap_long(stamp.sequenceNumber)),
    'x-opt-enqueued-time': new Date(stamp.enqueuedAt),
    'x-opt-message-state': typed(types.wrap_int(stamp.state)),
  };
  if (stamp.lockedUntil !== undefined) annotations['x-opt-locked-until'] = new Date(stamp.lockedUntil);
  if (stamp.deadLetterSource !== undefined) annotations['x-opt-deadletter-source'] = stamp.deadLetterSource;
  const writer = new amqpCodec.Writer(Buffer.allocUnsafe(512));
  writer.write(headerSection({ ...msg, delivery_count: stamp.deliveryCount }));
  writer.write(types.described(types.wrap_ulong(0x72), types.wrap_symbolic_map(annotations)));
  return Buffer.concat([writer.toBuffer(), tailOf(bytes)]);
}
