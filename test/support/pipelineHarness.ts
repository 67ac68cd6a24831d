import { ServiceBusClient } from '@azure/service-bus';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll } from 'vitest';
import { type AppContext, createAppContext } from '../../src/lib/app/context';
import { Publisher } from '../../src/lib/messaging/publisher';
import { BlobStore } from '../../src/lib/storage/blobStore';
import { LogTelemetry } from '../../src/lib/telemetry/logTelemetry';
import { type RunningAzurite, startAzurite } from '../../src/local/azurite';
import { type LocalServiceBus, startLocalServiceBus } from '../../src/local/servicebus';

export interface PipelineHarness {
  readonly ctx: AppContext;
  readonly serviceBus: ServiceBusClient;
  /** Telemetry lines written so far (parsed JSON). */
  readonly events: Record<string, unknown>[];
}

/** In-memory Azurite and local Service Bus for one test file, with a pipeline context on the real SDKs. */
export function usePipelineHarness(): PipelineHarness {
  let azurite: RunningAzurite | undefined;
  let broker: LocalServiceBus | undefined;
  let harness: { ctx: AppContext; serviceBus: ServiceBusClient } | undefined;
  const events: Record<string, unknown>[] = [];
  beforeAll(async () => {
    [azurite, broker] = await Promise.all([startAzurite(), startLocalServiceBus()]);
    const serviceBus = new ServiceBusClient(broker.connectionString);
    const store = new BlobStore(BlobServiceClient.fromConnectionString(azurite.connectionString));
    const telemetry = new LogTelemetry((line) => events.push(JSON.parse(line) as Record<string, unknown>));
    harness = {
      ctx: createAppContext({ store, serviceBus, publisher: new Publisher(serviceBus), telemetry }),
      serviceBus,
    };
  });
  afterAll(async () => {
    await harness?.ctx.publisher.close();
    await harness?.serviceBus.close();
    await Promise.all([azurite?.stop(), broker?.stop()]);
  });
  const get = () => {
    if (harness === undefined) throw new Error('the harness starts in beforeAll');
    return harness;
  };
  return {
    get ctx() {
      return get().ctx;
    },
    get serviceBus() {
      return get().serviceBus;
    },
    events,
  };
}
