import type { Server, Socket } from 'node:net';
import rhea, {
  type Connection,
  type Container,
  type EventContext,
  type Message,
  type Receiver,
  type Sender,
} from 'rhea';
import { admit, unpackTransfer } from './codec';
import { ConsumerGroup } from './consumers';
import { ManagementError, manage } from './management';
import type { Namespace } from './namespace';
import type { SubQueue } from './queue';
import { acceptedOutcome, internals, rejectedOutcome } from './rheaInternals';

const CBS = '$cbs';

interface ConnectionState {
  /** Broker senders by link name: `$cbs` and `$management` replies go to the link named in `reply_to`. */
  readonly replyLinks: Map<string, Sender>;
  readonly consumers: { group: ConsumerGroup; link: Sender }[];
}

/**
 * The AMQP 1.0 front of the namespace, on rhea in server mode: routes links by address to `$cbs`,
 * `$management`, queue ingress or queue consumers, and never lets one bad frame or request take it down.
 */
export class Broker {
  private readonly container: Container;
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly connections = new Map<Connection, ConnectionState>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(private readonly namespace: Namespace) {
    this.container = rhea.create_container({
      id: 'local-servicebus',
      sender_options: { treat_modified_as_released: false, autosettle: true },
      receiver_options: { autoaccept: false, credit_window: 1000 },
    } as never);
    for (const queue of namespace.all()) {
      for (const sub of ['active', 'dead'] as const) {
        const group = new ConsumerGroup(queue, sub, namespace.records);
        this.groups.set(groupKey(queue.name, sub), group);
      }
      queue.onReady = (sub) => this.groups.get(groupKey(queue.name, sub))?.pump();
    }
    this.container.on('sender_open', (context: EventContext) => this.guard(context, () => this.onSenderOpen(context)));
    this.container.on('receiver_open', (context: EventContext) =>
      this.guard(context, () => this.onReceiverOpen(context)),
    );
    this.container.on('message', (context: EventContext) => this.guard(context, () => this.onMessage(context)));
    this.container.on('connection_open', (context: EventContext) => this.state(context.connection));
    for (const event of ['connection_close', 'disconnected']) {
      this.container.on(event, (context: EventContext) => this.forget(context.connection));
    }
    // Peers' link, session and connection errors are theirs; an unhandled 'error' would crash the broker.
    this.container.on('error', () => {});
    for (const event of ['connection_error', 'session_error', 'sender_error', 'receiver_error', 'protocol_error']) {
      this.container.on(event, () => {});
    }
  }

  async listen(port: number, host: string): Promise<number> {
    const server = this.container.listen({
      port,
      host,
      session_buffer_size: { outgoing: 16384, incoming: 2048 },
      // Nagle's algorithm would hold small dispositions and replies back for tens of milliseconds.
      tcp_no_delay: true,
    } as never) as Server;
    this.server = server;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private state(connection: Connection): ConnectionState {
    let state = this.connections.get(connection);
    if (!state) {
      state = { replyLinks: new Map(), consumers: [] };
      this.connections.set(connection, state);
    }
    return state;
  }

  private forget(connection: Connection): void {
    const state = this.connections.get(connection);
    if (!state) return;
    this.connections.delete(connection);
    for (const { group, link } of state.consumers) group.detachLink(link);
  }

  /** Runs a handler; a failure closes only the link it concerns, with an AMQP error. */
  private guard(context: EventContext, handler: () => void): void {
    try {
      handler();
    } catch (err) {
      const link = context.sender ?? context.receiver;
      const description = err instanceof Error ? err.message : String(err);
      context.delivery?.update(true, rejectedOutcome('amqp:internal-error', description));
      link?.close({ condition: 'amqp:internal-error', description });
    }
  }

  /** A client receiver: `$cbs` or `$management` reply link, or a queue (or dead-letter queue) consumer. */
  private onSenderOpen(context: EventContext): void {
    const link = context.sender!;
    const source = link.source as { address?: string } | undefined;
    const address = source?.address ?? '';
    echoTermini(link);
    const attach = internals(link).local.attach;
    attach['snd_settle_mode'] = link.snd_settle_mode ?? 0;
    attach['rcv_settle_mode'] = link.rcv_settle_mode ?? 0;
    const state = this.state(context.connection);
    if (address === CBS) {
      state.replyLinks.set(link.name, link);
      return;
    }
    const entity = this.namespace.resolve(address);
    if (!entity) {
      link.close({ condition: 'amqp:not-found', description: `The messaging entity '${address}' could not be found.` });
      return;
    }
    if (entity.management) {
      state.replyLinks.set(link.name, link);
      return;
    }
    const group = this.groups.get(groupKey(entity.queue.name, entity.sub))!;
    group.attach(link);
    state.consumers.push({ group, link });
  }

  /** A client sender: `$cbs` or `$management` requests, or messages for a queue. */
  private onReceiverOpen(context: EventContext): void {
    const link = context.receiver!;
    const target = link.target as { address?: string } | undefined;
    const address = target?.address ?? '';
    echoTermini(link);
    if (address === CBS) return;
    const entity = this.namespace.resolve(address);
    if (!entity || (!entity.management && entity.sub === 'dead')) {
      link.close({ condition: 'amqp:not-found', description: `The messaging entity '${address}' could not be found.` });
      return;
    }
    // The SDK sizes batches from this and refuses to send without it.
    internals(link).local.attach['max_message_size'] = entity.queue.config.maxMessageSizeBytes;
  }

  private onMessage(context: EventContext): void {
    const receiver = context.receiver!;
    const delivery = context.delivery!;
    const address = (receiver.target as { address?: string } | undefined)?.address ?? '';
    const request = context.message as Message;
    if (address === CBS) {
      delivery.update(true, acceptedOutcome());
      // Tokens are not checked: this broker is for local development only.
      this.reply(context.connection, request, 200, undefined);
      return;
    }
    const entity = this.namespace.resolve(address);
    if (!entity) throw new Error(`no entity ${address}`);
    if (entity.management) {
      delivery.update(true, acceptedOutcome());
      this.onManagement(context.connection, entity.queue.name, entity.sub, request);
      return;
    }
    this.onIngress(context, entity.queue.name);
  }

  private onManagement(connection: Connection, queueName: string, sub: SubQueue, request: Message): void {
    const queue = this.namespace.resolve(queueName)!.queue;
    let status: number;
    let body: unknown;
    let error: { condition: string; description: string } | undefined;
    try {
      const reply = manage(queue, sub, request);
      status = reply.status;
      body = reply.body;
    } catch (err) {
      const e = err instanceof ManagementError ? err : new ManagementError(500, 'amqp:internal-error', String(err));
      status = e.status;
      error = { condition: e.condition, description: e.message };
    }
    void this.namespace.records.durable().then(() => this.reply(connection, request, status, body, error));
  }

  private onIngress(context: EventContext, queueName: string): void {
    const delivery = context.delivery!;
    const queue = this.namespace.resolve(queueName)!.queue;
    const payload = context.message as unknown as Message | Buffer;
    const format = (context as { format?: number }).format;
    let parts: { message: Message; bytes?: Buffer }[];
    try {
      parts = unpackTransfer(payload, format);
    } catch (err) {
      delivery.update(true, rejectedOutcome('amqp:decode-error', (err as Error).message));
      return;
    }
    const admitted = parts.map((part) => admit(part.message, part.bytes));
    const size = Buffer.isBuffer(payload) ? payload.length : admitted[0]!.bytes.length;
    const limit = queue.config.maxMessageSizeBytes;
    if (size > limit) {
      delivery.update(
        true,
        rejectedOutcome(
          'amqp:link:message-size-exceeded',
          `The received message (size ${size} bytes) exceeds the limit (${limit} bytes) of ${queue.name}.`,
        ),
      );
      return;
    }
    for (const { message, bytes } of admitted) {
      const at = message.message_annotations?.['x-opt-scheduled-enqueue-time'];
      const scheduledAt = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : undefined;
      queue.enqueue(message, bytes, scheduledAt);
    }
    // Accept only once the messages are on disk: an accepted message survives a crash.
    void this.namespace.records.durable().then(() => delivery.update(true, acceptedOutcome()));
  }

  private reply(
    connection: Connection,
    request: Message,
    status: number,
    body: unknown,
    error?: { condition: string; description: string },
  ): void {
    const replyTo = request.reply_to;
    const link = replyTo === undefined ? undefined : this.connections.get(connection)?.replyLinks.get(replyTo);
    if (!link?.is_open()) return;
    const properties: Record<string, unknown> = {
      statusCode: status,
      'status-code': status,
      'status-description': error?.description ?? (status < 300 ? 'OK' : 'Error'),
    };
    if (error) properties['error-condition'] = error.condition;
    link.send({ correlation_id: request.message_id, application_properties: properties, body: body ?? null });
  }
}

function groupKey(queue: string, sub: SubQueue): string {
  return `${queue.toLowerCase()}|${sub}`;
}

/** Answers an attach with the peer's own source and target, as the service does. */
function echoTermini(link: Sender | Receiver): void {
  const source = link.source as { address?: string } | undefined;
  const target = link.target as { address?: string } | undefined;
  if (source?.address !== undefined) link.set_source({ address: source.address });
  if (target?.address !== undefined) link.set_target({ address: target.address });
}
