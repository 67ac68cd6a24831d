import { join } from 'node:path';
import { Broker } from './broker';
import { loadQueueConfig, type QueueConfig } from './config';
import { Namespace } from './namespace';

export type { QueueConfig } from './config';

export interface LocalServiceBusOptions {
  /** 0 or undefined = a free port. */
  readonly port?: number;
  /** Journal folder; undefined keeps messages in memory only. */
  readonly dataDir?: string;
  /** Default: the queues of servicebus.config.json at the repository root. */
  readonly queues?: QueueConfig[];
  /** Journal size that triggers compaction; default 64 MB. */
  readonly compactBytes?: number;
  readonly host?: string;
}

export interface LocalServiceBus {
  readonly port: number;
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** The repository's servicebus.config.json (this file sits at src/local/servicebus, or dist/src/local/servicebus). */
export function defaultConfigPath(): string {
  const root = __dirname.includes(`${join('dist', 'src')}`)
    ? join(__dirname, '../../../..')
    : join(__dirname, '../../..');
  return join(root, 'servicebus.config.json');
}

export function connectionStringFor(port: number, host = '127.0.0.1'): string {
  // The key is not checked; UseDevelopmentEmulator turns TLS off in the SDK.
  return (
    `Endpoint=sb://${host}:${port};SharedAccessKeyName=RootManageSharedAccessKey;` +
    `SharedAccessKey=local-development-key;UseDevelopmentEmulator=true`
  );
}

/** Starts an AMQP 1.0 Service Bus (queues only) in this process. */
export async function startLocalServiceBus(options: LocalServiceBusOptions = {}): Promise<LocalServiceBus> {
  const queues = options.queues ?? loadQueueConfig(defaultConfigPath());
  const namespace = new Namespace({ queues, dataDir: options.dataDir, compactBytes: options.compactBytes });
  namespace.open();
  const broker = new Broker(namespace);
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await broker.listen(options.port ?? 0, host);
  } catch (err) {
    await namespace.close();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    port,
    connectionString: connectionStringFor(port, host),
    stop() {
      stopping ??= broker.close().then(() => namespace.close());
      return stopping;
    },
  };
}
