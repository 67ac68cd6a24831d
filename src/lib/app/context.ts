import type { Publisher } from '../messaging/publisher';
import { DatasetRegistry } from '../registry/datasetRegistry';
import { DeploymentRegistry } from '../registry/deploymentRegistry';
import { ModelRegistry } from '../registry/modelRegistry';
import { RunRegistry } from '../registry/runRegistry';
import type { BlobStore } from '../storage/blobStore';
import type { Telemetry } from '../telemetry';
import type { Services } from './services';

/**
 * The app's context: the storage, messaging and telemetry clients with the registries over them, and the clock.
 * Built once per instance (`appContext()` in ./instance) and handed to the pipeline stages, scoring, batch jobs and
 * the API views alike; tests build their own over Azurite.
 */
export interface AppContext {
  readonly store: BlobStore;
  readonly publisher: Publisher;
  readonly telemetry: Telemetry;
  readonly datasets: DatasetRegistry;
  readonly models: ModelRegistry;
  readonly runs: RunRegistry;
  readonly deployments: DeploymentRegistry;
  readonly now: () => Date;
}

export function createAppContext(services: Services, now: () => Date = () => new Date()): AppContext {
  return {
    store: services.store,
    publisher: services.publisher,
    telemetry: services.telemetry,
    datasets: new DatasetRegistry(services.store),
    models: new ModelRegistry(services.store),
    runs: new RunRegistry(services.store),
    deployments: new DeploymentRegistry(services.store),
    now,
  };
}
