import type { Message } from 'rhea';
import { types } from 'rhea';
import { admit, decodeMessage, encodeForDelivery, sequenceNumber, typed, uuidBytes, uuidString } from './codec';
import type { Queue, SubQueue, Taken } from './queue';
import { stampOf } from './storedMessage';

/** A `$management` reply: status code plus body; errors carry an AMQP condition the SDK maps to its error codes. */
export interface ManagementReply {
  readonly status: number;
  readonly body?: unknown;
  readonly condition?: string;
  readonly description?: string;
}

export class ManagementError extends Error {
  constructor(
    readonly status: number,
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

/**
 * Executes one `$management` request against a queue (or its dead-letter sub-queue). Returns the reply and
 * whether it must wait for the journal before it is sent.
 */
export function manage(queue: Queue, sub: SubQueue, request: Message): ManagementReply {
  const operation = request.application_properties?.['operation'];
  const body = (request.body ?? {}) as Body;
  switch (operation) {
    case 'com.microsoft:renew-lock':
      return renewLock(queue, body);
    case 'com.microsoft:peek-message':
      return peek(queue, sub, body);
    case 'com.microsoft:update-disposition':
      return updateDisposition(queue, body);
    case 'com.microsoft:receive-by-sequence-number':
      return receiveBySequenceNumber(queue, sub, body);
    case 'com.microsoft:schedule-message':
      return schedule(queue, sub, body);
    case 'com.microsoft:cancel-scheduled-message':
      return cancel(queue, body);
    default:
      throw new ManagementError(501, 'amqp:not-implemented', `operation ${String(operation)} is not supported`);
  }
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ManagementError(400, 'amqp:invalid-field', `${what} must be an array`);
  return value;
}

function lockTokens(body: Body): string[] {
  return list(body['lock-tokens'], 'lock-tokens').map((v) => {
    const token = uuidString(v);
    if (token === undefined) throw new ManagementError(400, 'amqp:invalid-field', 'lock-tokens must hold uuids');
    return token;
  });
}

function sequenceNumbers(body: Body): number[] {
  return list(body['sequence-numbers'], 'sequence-numbers').map((v) => {
    const seq = sequenceNumber(v);
    if (seq === undefined) throw new ManagementError(400, 'amqp:invalid-field', 'sequence-numbers must hold longs');
    return seq;
  });
}

function lockLost(token: string): ManagementError {
  return new ManagementError(
    410,
    'com.microsoft:message-lock-lost',
    `The lock supplied (${token}) is invalid: it expired or the message was already settled.`,
  );
}

function renewLock(queue: Queue, body: Body): ManagementReply {
  const expirations = lockTokens(body).map((token) => {
    const until = queue.renew(token);
    if (until === undefined) throw lockLost(token);
    return new Date(until);
  });
  return { status: 200, body: { expirations } };
}

function peek(queue: Queue, sub: SubQueue, body: Body): ManagementReply {
  const from = sequenceNumber(body['from-sequence-number']) ?? 1;
  const count = typeof body['message-count'] === 'number' ? body['message-count'] : 1;
  const found = queue.peek(sub, from, count);
  if (found.length === 0) return { status: 204 };
  return {
    status: 200,
    body: { messages: found.map((m) => ({ message: encodeForDelivery(m.message, m.bytes, stampOf(m, queue.name)) })) },
  };
}

function updateDisposition(queue: Queue, body: Body): ManagementReply {
  const status = body['disposition-status'];
  const properties = (body['properties-to-modify'] ?? undefined) as Record<string, unknown> | undefined;
  const change = { properties };
  for (const token of lockTokens(body)) {
    let ok: boolean;
    if (status === 'completed') ok = queue.complete(token);
    else if (status === 'abandoned') ok = queue.abandon(token, change);
    else if (status === 'defered') ok = queue.defer(token, change);
    else if (status === 'suspended') {
      const reason = body['deadletter-reason'];
      const description = body['deadletter-description'];
      ok = queue.deadLetter(
        token,
        typeof reason === 'string' ? reason : undefined,
        typeof description === 'string' ? description : undefined,
        change,
      );
    } else throw new ManagementError(400, 'amqp:invalid-field', `unknown disposition-status ${String(status)}`);
    if (!ok) throw lockLost(token);
  }
  return { status: 200, body: {} };
}

function receiveBySequenceNumber(queue: Queue, sub: SubQueue, body: Body): ManagementReply {
  const seqs = sequenceNumbers(body);
  const peekLock = body['receiver-settle-mode'] !== 0;
  const taken = queue.takeDeferred(sub, seqs, peekLock);
  const missing = seqs.filter((_, i) => taken[i] === undefined);
  if (missing.length > 0) {
    // Put back what was taken: the request fails as a whole, like the service's.
    for (const t of taken) if (t?.lock) queue.release(t.lock.token);
    throw new ManagementError(
      404,
      'com.microsoft:message-not-found',
      `No deferred message with sequence number ${missing.join(', ')} in ${queue.name}.`,
    );
  }
  return {
    status: 200,
    body: {
      messages: (taken as Taken[]).map((t) => {
        const message = encodeForDelivery(
          t.message.message,
          t.message.bytes,
          stampOf(t.message, queue.name, t.lock?.until),
        );
        return t.lock ? { message, 'lock-token': typed(types.wrap_uuid(uuidBytes(t.lock.token))) } : { message };
      }),
    },
  };
}

function schedule(queue: Queue, sub: SubQueue, body: Body): ManagementReply {
  if (sub === 'dead') throw new ManagementError(400, 'amqp:not-allowed', 'cannot schedule into a dead-letter queue');
  const entries = list(body['messages'], 'messages');
  const decoded = entries.map((entry) => {
    const bytes = (entry as Body | undefined)?.['message'];
    if (!Buffer.isBuffer(bytes)) throw new ManagementError(400, 'amqp:invalid-field', 'messages[].message missing');
    if (bytes.length > queue.config.maxMessageSizeBytes) {
      throw new ManagementError(413, 'amqp:link:message-size-exceeded', 'scheduled message too large');
    }
    return admit(decodeMessage(bytes), bytes);
  });
  const seqs = decoded.map(({ message, bytes }) => {
    const at = message.message_annotations?.['x-opt-scheduled-enqueue-time'];
    const when = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : undefined;
    return queue.enqueue(message, bytes, when).seq;
  });
  return { status: 200, body: { 'sequence-numbers': seqs.map((s) => typed(types.wrap_long(s))) } };
}

function cancel(queue: Queue, body: Body): ManagementReply {
  for (const seq of sequenceNumbers(body)) queue.cancelScheduled(seq);
  return { status: 200, body: {} };
}
