/**
 * npm run bench:servicebus [-- --messages N] — throughput of the local Service Bus through the unchanged SDK with
 * 1 KB messages: batched send, then one receiver with prefetch (subscribe, maxConcurrentCalls 256) completing
 * every message. Run once against the broker as `npm run servicebus` runs it (own process, journal with
 * group-committed fdatasync) and once in this process, in memory. Baseline in the same run: bare rhea loopback
 * (a rhea sender to a rhea receiver in server mode, unsettled transfers accepted one by one, no broker logic), one
 * direction at a time. Prints msg/s (wall), msg per CPU-second (steadier on a shared machine), the broker
 * process's own CPU per message, and ratios to the baseline; target ≥ 5,000 msg/s. Figures are noisy.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ServiceBusClient, type ServiceBusMessage } from '@azure/service-bus';
import rhea, { type EventContext } from 'rhea';
import { startLocalServiceBus } from '../src/local/servicebus';

const BODY = Buffer.alloc(1024, 7);
const QUEUE = 'bench';

interface Throughput {
  readonly send: number;
  readonly receive: number;
  /** Messages per CPU-second of this process (client and broker together): steadier than wall time when shared. */
  readonly sendPerCpu: number;
  readonly receivePerCpu: number;
}

/** Wall-clock and CPU seconds of a phase. */
function stopwatch(): () => { wall: number; cpu: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
}

interface Broker {
  readonly connectionString: string;
  /** CPU seconds the broker process used so far, when it runs in its own process (Linux /proc). */
  cpuSeconds?(): number;
  stop(): Promise<void>;
}

function procCpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 per second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The broker as `npm run servicebus` runs it: its own process, journal on disk. */
async function brokerProcess(dataDir: string): Promise<Broker> {
  const config = join(dataDir, 'config.json');
  writeFileSync(config, JSON.stringify({ queues: [{ name: QUEUE }] }));
  const child = spawn(process.execPath, [join(__dirname, '../src/local/servicebus/main.js')], {
    env: { ...process.env, SERVICEBUS_PORT: '0', SERVICEBUS_DATA: join(dataDir, 'data'), SERVICEBUS_CONFIG: config },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const connectionString = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('Endpoint='));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
  });
  return {
    connectionString,
    cpuSeconds: () => procCpuSeconds(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function brokerThroughput(count: number, bus: Broker): Promise<Throughput> {
  const client = new ServiceBusClient(bus.connectionString);
  try {
    const sender = client.createSender(QUEUE);
    await sender.sendMessages({ body: 'warm-up' });
    const warm = client.createReceiver(QUEUE, { receiveMode: 'receiveAndDelete' });
    await warm.receiveMessages(1, { maxWaitTimeInMs: 2000 });
    await warm.close();

    const brokerCpu0 = bus.cpuSeconds?.();
    let watch = stopwatch();
    let sent = 0;
    while (sent < count) {
      const batch = await sender.createMessageBatch();
      while (sent < count && batch.tryAddMessage({ body: BODY } satisfies ServiceBusMessage)) sent++;
      await sender.sendMessages(batch);
    }
    const sendTime = watch();
    const brokerCpu1 = bus.cpuSeconds?.();

    watch = stopwatch();
    const receiver = client.createReceiver(QUEUE);
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      const subscription = receiver.subscribe(
        {
          async processMessage() {
            received++;
            if (received === count) {
              // autoComplete settles after this handler returns: let the last completions land.
              setTimeout(() => subscription.close().then(resolve, reject), 0);
            }
          },
          async processError(args) {
            reject(args.error);
          },
        },
        { maxConcurrentCalls: 256, autoCompleteMessages: true },
      );
    });
    const receiveTime = watch();
    const brokerCpu2 = bus.cpuSeconds?.();
    if (brokerCpu0 !== undefined && brokerCpu1 !== undefined && brokerCpu2 !== undefined) {
      const perCpu = (seconds: number) => Math.round(count / seconds).toLocaleString('en-US');
      console.log(
        `  broker process alone: send ${perCpu(brokerCpu1 - brokerCpu0)} msg per broker cpu-s, ` +
          `receive+complete ${perCpu(brokerCpu2 - brokerCpu1)} msg per broker cpu-s`,
      );
    }
    const left = await client.createReceiver(QUEUE).peekMessages(10);
    if (left.length > 0) throw new Error(`${left.length} messages left in the queue after the run`);
    return rates(count, sendTime, receiveTime);
  } finally {
    await client.close();
    await bus.stop();
  }
}

/** Bare rhea: client → server transfers, then server → client, each accepted by the receiving side. */
async function rheaThroughput(count: number): Promise<Throughput> {
  const server = rhea.create_container({ id: 'bench-server' });
  const listener = server.listen({ port: 0, host: '127.0.0.1', tcp_no_delay: true } as never);
  await new Promise((resolve) => listener.once('listening', resolve));
  const address = listener.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let sendDone: () => void = () => {};
  let serverReceived = 0;
  server.on('message', () => {
    if (++serverReceived === count) sendDone();
  });
  server.on('sendable', (context: EventContext) => {
    const sender = context.sender!;
    const state = sender as unknown as { sentCount?: number };
    state.sentCount ??= 0;
    while (sender.sendable() && state.sentCount < count) {
      sender.send({ body: BODY });
      state.sentCount++;
    }
  });
  const client = rhea.create_container({ id: 'bench-client' });
  const connection = client.connect({ port, host: '127.0.0.1', reconnect: false, tcp_no_delay: true } as never);
  try {
    let watch = stopwatch();
    await new Promise<void>((resolve) => {
      sendDone = resolve;
      let sent = 0;
      const sender = connection.open_sender({ target: { address: QUEUE } });
      sender.on('sendable', () => {
        while (sender.sendable() && sent < count) {
          sender.send({ body: BODY });
          sent++;
        }
      });
    });
    const sendTime = watch();
    watch = stopwatch();
    await new Promise<void>((resolve) => {
      let received = 0;
      const receiver = connection.open_receiver({ source: { address: QUEUE }, credit_window: 256 });
      receiver.on('message', () => {
        if (++received === count) resolve();
      });
    });
    return rates(count, sendTime, watch());
  } finally {
    connection.close();
    await new Promise((resolve) => listener.close(resolve));
  }
}

function rates(count: number, send: { wall: number; cpu: number }, receive: { wall: number; cpu: number }): Throughput {
  return {
    send: count / send.wall,
    receive: count / receive.wall,
    sendPerCpu: count / send.cpu,
    receivePerCpu: count / receive.cpu,
  };
}

function row(name: string, t: Throughput, base?: Throughput): string {
  const f = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
  const r = (a: number, b: number | undefined) => (b === undefined ? '' : ` (${((100 * a) / b).toFixed(0)} %)`);
  return (
    `${name.padEnd(25)} send ${f(t.send)} msg/s${r(t.send, base?.send)}, ${f(t.sendPerCpu)} msg/cpu-s${r(t.sendPerCpu, base?.sendPerCpu)}` +
    ` | receive+complete ${f(t.receive)} msg/s${r(t.receive, base?.receive)}, ${f(t.receivePerCpu)} msg/cpu-s${r(t.receivePerCpu, base?.receivePerCpu)}`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '20000' } } });
  const count = Number(values.messages);
  console.log(
    `local Service Bus bench: ${count} messages of 1 KB; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const raw = await rheaThroughput(count);
  console.log(row('bare rhea loopback', raw));
  console.log('(percentages: of the bare rhea figure in the same run)');
  const dir = mkdtempSync(join(tmpdir(), 'servicebus-bench-'));
  try {
    const durable = await brokerThroughput(count, await brokerProcess(dir));
    console.log(row('broker process, journal', durable, raw));
    const memory = await brokerThroughput(count, await startLocalServiceBus({ queues: [{ name: QUEUE }] }));
    console.log(row('in-process, in memory', memory, raw));
    console.log('(msg/cpu-s counts this process only: the SDK client, plus the broker when in-process)');
    const worst = Math.min(durable.send, durable.receive);
    console.log(
      `target ≥ 5,000 msg/s (journal): ${worst >= 5000 ? 'met' : 'NOT met'} (slowest ${Math.round(worst)} msg/s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
