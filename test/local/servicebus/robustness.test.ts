import { connect as tcpConnect } from 'node:net';
import { ServiceBusClient } from '@azure/service-bus';
import rhea, { type Connection, type EventContext, type Message } from 'rhea';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalServiceBus, startLocalServiceBus } from '../../../src/local/servicebus';

/** A bare AMQP client: sends what the SDK never would. */
function rawConnection(port: number): Promise<Connection> {
  const container = rhea.create_container();
  container.on('error', () => {});
  container.on('disconnected', () => {});
  return new Promise((resolve, reject) => {
    const connection = container.connect({ port, host: '127.0.0.1', reconnect: false });
    connection.once('connection_open', () => resolve(connection));
    connection.once('connection_error', reject);
  });
}

/** Sends one `$management` request and resolves with the reply. */
function request(connection: Connection, address: string, message: Message): Promise<Message> {
  const replyTo = `reply-${Math.random().toString(16).slice(2)}`;
  return new Promise((resolve) => {
    const receiver = connection.open_receiver({ name: replyTo, source: { address }, target: { address: replyTo } });
    receiver.once('message', (context: EventContext) => resolve(context.message!));
    receiver.once('receiver_open', () => {
      const sender = connection.open_sender({ target: { address } });
      sender.once('sendable', () => sender.send({ ...message, reply_to: replyTo, message_id: 'req-1' }));
    });
  });
}

async function roundTrip(bus: LocalServiceBus): Promise<unknown> {
  const client = new ServiceBusClient(bus.connectionString);
  try {
    await client.createSender('robust').sendMessages({ body: 'alive' });
    const [m] = await client.createReceiver('robust', { receiveMode: 'receiveAndDelete' }).receiveMessages(1, {
      maxWaitTimeInMs: 2000,
    });
    return m?.body;
  } finally {
    await client.close();
  }
}

describe('local Service Bus robustness', () => {
  let bus: LocalServiceBus;
  const connections: Connection[] = [];
  beforeEach(async () => {
    bus = await startLocalServiceBus({ queues: [{ name: 'robust' }] });
  });
  afterEach(async () => {
    for (const c of connections.splice(0)) c.close();
    await bus.stop();
  });

  it('survives bytes that are not AMQP at all', async () => {
    await new Promise<void>((resolve) => {
      const socket = tcpConnect(bus.port, '127.0.0.1', () => {
        socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n\x00\x01\x02\xff'));
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    expect(await roundTrip(bus)).toBe('alive');
  });

  it('rejects an undecodable batch on its delivery and keeps the link usable', async () => {
    const connection = await rawConnection(bus.port);
    connections.push(connection);
    const sender = connection.open_sender({ target: { address: 'robust' } });
    await new Promise((resolve) => sender.once('sendable', resolve));
    const outcome = (payload: Buffer, format: number) =>
      new Promise<{ kind: string; condition?: string }>((resolve) => {
        const delivery = sender.send(payload, undefined, format);
        const done = (kind: string) => (context: EventContext) => {
          if (context.delivery !== delivery) return;
          const state = context.delivery?.remote_state as { error?: { condition?: string } } | undefined;
          resolve({ kind, condition: state?.error?.condition });
        };
        sender.on('accepted', done('accepted'));
        sender.on('rejected', done('rejected'));
      });
    expect(await outcome(Buffer.from([0xde, 0xad, 0xbe, 0xef]), 0x80013700)).toEqual({
      kind: 'rejected',
      condition: 'amqp:decode-error',
    });
    expect(await outcome(rhea.message.encode({ body: 'fine' }), 0)).toEqual({ kind: 'accepted', condition: undefined });
    expect(await roundTrip(bus)).toBe('fine');
  });

  it('answers an unknown $management operation and a malformed request with errors, not a crash', async () => {
    const connection = await rawConnection(bus.port);
    connections.push(connection);
    const unknown = await request(connection, 'robust/$management', {
      application_properties: { operation: 'com.microsoft:no-such-operation' },
      body: {},
    });
    expect(unknown.correlation_id).toBe('req-1');
    expect(unknown.application_properties).toMatchObject({
      statusCode: 501,
      'status-code': 501,
      'error-condition': 'amqp:not-implemented',
    });
    const malformed = await request(connection, 'robust/$management', {
      application_properties: { operation: 'com.microsoft:renew-lock' },
      body: { 'lock-tokens': 'not a list' },
    });
    expect(malformed.application_properties).toMatchObject({
      statusCode: 400,
      'error-condition': 'amqp:invalid-field',
    });
    expect(await roundTrip(bus)).toBe('alive');
  });

  it('answers a drain whose credit the last transfers used up', async () => {
    const client = new ServiceBusClient(bus.connectionString);
    await client.createSender('robust').sendMessages([{ body: 1 }, { body: 2 }]);
    await client.close();
    const connection = await rawConnection(bus.port);
    connections.push(connection);
    const receiver = connection.open_receiver({ source: { address: 'robust' }, credit_window: 0, autoaccept: true });
    let received = 0;
    receiver.on('message', () => {
      received++;
    });
    const drained = new Promise<void>((resolve) => receiver.once('receiver_drained', () => resolve()));
    receiver.once('receiver_open', () => {
      receiver.add_credit(2);
      receiver.drain_credit();
    });
    await drained;
    expect(received).toBe(2);
  });

  it('closes a link to an unknown entity with amqp:not-found', async () => {
    const connection = await rawConnection(bus.port);
    connections.push(connection);
    const receiver = connection.open_receiver({ source: { address: 'nowhere' } });
    const condition = await new Promise<string | undefined>((resolve) => {
      receiver.once('receiver_error', (context: EventContext) =>
        resolve((context.receiver?.error as { condition?: string } | undefined)?.condition),
      );
    });
    expect(condition).toBe('amqp:not-found');
  });
});
