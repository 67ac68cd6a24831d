import type { ServiceBusClient } from '@azure/service-bus';
import { Publisher } from '../messaging/publisher';
import { serviceBusClientFromSettings } from '../messaging/serviceBusClient';
import { BlobStore } from '../storage/blobStore';
import { blobServiceClientFromSettings } from '../storage/serviceClient';
import { type Telemetry, telemetry } from '../telemetry';

/**
 * The SDK clients of one Functions instance, built once from app settings. Function files take them
 * from here (never build a client inside a handler), and tests can install their own.
 */
export interface Services {
  readonly store: BlobStore;
  readonly serviceBus: ServiceBusClient;
  readonly publisher: Publisher;
  readonly telemetry: Telemetry;
}

let current: Services | undefined;

export function services(): Services {
  current ??= createServices(process.env);
  return current;
}

export function createServices(env: Record<string, string | undefined>): Services {
  const serviceBus = serviceBusClientFromSettings(env);
  return {
    store: new BlobStore(blobServiceClientFromSettings(env)),
    serviceBus,
    publisher: new Publisher(serviceBus),
    telemetry: telemetry(),
  };
}

/** Replaces (or with undefined, forgets) the services, closing the previous Service Bus client. */
export async function setServices(next: Services | undefined): Promise<void> {
  const previous = current;
  current = next;
  if (previous !== undefined && previous !== next) {
    await previous.publisher.close();
    await previous.serviceBus.close();
  }
}
