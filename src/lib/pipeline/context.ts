import type { Publisher } from '../messaging/publisher';
import { DatasetRegistry } from '../registry/datasetRegistry';
import { DeploymentRegistry } from '../registry/deploymentRegistry';
import { ModelRegistry } from '../registry/modelRegistry';
import { RunRegistry } from '../registry/runRegistry';
import type { Services } from '../runtime/services';
import type { BlobStore } from '../storage/blobStore';
import type { Telemetry } from '../telemetry';

/** Everything a pipeline stage touches, built once from the instance's services. */
export interface PipelineContext {
  readonly store: BlobStore;
  readonly publisher: Publisher;
  readonly telemetry: Telemetry;
  readonly datasets: DatasetRegistry;
  readonly models: ModelRegistry;
  readonly runs: RunRegistry;
  readonly deployments: DeploymentRegistry;
  readonly now: () => Date;
}

export function pipelineContext(services: Services, now: () => Date = () => new Date()): PipelineContext {
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
