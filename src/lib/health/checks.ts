import type { ServiceBusClient } from '@azure/service-bus';
import { queues } from '../messaging/queues';
import type { BlobStore } from '../storage/blobStore';

export interface ComponentStatus {
  readonly status: 'up' | 'down';
  readonly latencyMs: number;
  readonly error?: string;
}

export interface HealthReport {
  readonly status: 'healthy' | 'unhealthy';
  readonly components: Readonly<Record<string, ComponentStatus>>;
}

export type Probe = (signal: AbortSignal) => Promise<unknown>;

/** Runs probes concurrently, each bounded by `timeoutMs`; one down component makes the whole unhealthy. */
export async function checkHealth(probes: Record<string, Probe>, timeoutMs = 3000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await runProbe(probe, timeoutMs)] as const),
  );
  const components = Object.fromEntries(entries);
  const healthy = entries.every(([, c]) => c.status === 'up');
  return { status: healthy ? 'healthy' : 'unhealthy', components };
}

async function runProbe(probe: Probe, timeoutMs: number): Promise<ComponentStatus> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([probe(controller.signal), timeout]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
  }
}

export function storageProbe(store: BlobStore): Probe {
  return (abortSignal) => store.service.getProperties({ abortSignal });
}

/** Peeks the train queue: proves the connection, the claims exchange and the management link work. */
export function serviceBusProbe(client: ServiceBusClient): Probe {
  return async (abortSignal) => {
    const receiver = client.createReceiver(queues.train);
    try {
      await receiver.peekMessages(1, { abortSignal });
    } finally {
      await receiver.close();
    }
  };
}

/** Settings so broken that no client could be built: report it as a component, not a crash. */
export function configurationDown(err: unknown): HealthReport {
  const message = err instanceof Error ? err.message : String(err);
  return { status: 'unhealthy', components: { configuration: { status: 'down', latencyMs: 0, error: message } } };
}
