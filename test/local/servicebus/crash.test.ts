import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterEach, describe, expect, it } from 'vitest';

/** `npm test` builds before vitest runs; the broker runs as the real standalone entry point. */
const MAIN = resolve(__dirname, '../../../dist/src/local/servicebus/main.js');

interface Child {
  readonly process: ChildProcess;
  readonly connectionString: string;
}

function startBroker(dataDir: string, configPath: string): Promise<Child> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, SERVICEBUS_PORT: '0', SERVICEBUS_DATA: dataDir, SERVICEBUS_CONFIG: configPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('Endpoint='));
      if (line) resolvePromise({ process: child, connectionString: line.trim() });
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}: ${err}`)));
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill(signal);
  });
}

/** Closing a client whose broker was killed can wait on links that will never answer: give up after a while. */
async function abandonClient(client: ServiceBusClient): Promise<void> {
  await Promise.race([client.close(), new Promise((r) => setTimeout(r, 1000))]);
}

describe('local Service Bus crash safety', () => {
  const children: ChildProcess[] = [];
  let dir: string | undefined;
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => kill(c, 'SIGKILL')));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('after SIGKILL with 50 locks held, delivers exactly the 500 messages that were not completed', async () => {
    expect(existsSync(MAIN), `${MAIN} missing: run npm run build`).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'servicebus-crash-'));
    const config = join(dir, 'servicebus.config.json');
    writeFileSync(config, JSON.stringify({ queues: [{ name: 'crash', lockDurationMs: 60_000 }] }));
    const data = join(dir, 'data');

    const first = await startBroker(data, config);
    children.push(first.process);
    const client = new ServiceBusClient(first.connectionString);
    const sender = client.createSender('crash');
    for (let i = 0; i < 1000; i += 250) {
      await sender.sendMessages(Array.from({ length: 250 }, (_, k) => ({ body: i + k, messageId: `m-${i + k}` })));
    }
    const receiver = client.createReceiver('crash');
    const completed = new Set<number>();
    while (completed.size < 500) {
      const batch = await receiver.receiveMessages(Math.min(100, 500 - completed.size), { maxWaitTimeInMs: 2000 });
      await Promise.all(batch.map((m) => receiver.completeMessage(m)));
      for (const m of batch) completed.add(m.body as number);
    }
    const locked: ServiceBusReceivedMessage[] = [];
    while (locked.length < 50) {
      locked.push(...(await receiver.receiveMessages(50 - locked.length, { maxWaitTimeInMs: 2000 })));
    }
    await kill(first.process, 'SIGKILL');
    await abandonClient(client);

    const second = await startBroker(data, config);
    children.push(second.process);
    const after = new ServiceBusClient(second.connectionString);
    try {
      const drain = after.createReceiver('crash', { receiveMode: 'receiveAndDelete' });
      const delivered: number[] = [];
      for (;;) {
        const batch = await drain.receiveMessages(250, { maxWaitTimeInMs: delivered.length >= 500 ? 300 : 3000 });
        if (batch.length === 0) break;
        delivered.push(...batch.map((m) => m.body as number));
      }
      const expected = Array.from({ length: 1000 }, (_, i) => i).filter((i) => !completed.has(i));
      expect(delivered).toHaveLength(500);
      expect([...delivered].sort((a, b) => a - b)).toEqual(expected);
      for (const m of locked) expect(delivered).toContain(m.body as number);
    } finally {
      await after.close();
      await kill(second.process, 'SIGTERM');
    }
    expect(second.process.exitCode).toBe(0);
  });
});
