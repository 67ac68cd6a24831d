import { DATASET_NAME } from '../datasetName';
import type { BlobStore } from '../storage/blobStore';
import { containers } from '../storage/containers';
import { BlobConflictError, BlobPreconditionError } from '../storage/errors';
import { type Deployment, type DeploymentEvent, deploymentSchema } from './documents';
import { registryPaths } from './paths';

const C = containers.registry;

/**
 * The per-dataset deployment pointer (`deployments/{dataset}.json`): which model version serves, plus the
 * history of decisions. It only changes with ifMatch (or conditional create for the first deployment).
 */
export class DeploymentRegistry {
  constructor(private readonly store: BlobStore) {}

  async get(dataset: string): Promise<{ value: Deployment; etag: string } | undefined> {
    return this.store.readJson(C, registryPaths.deployment(dataset), deploymentSchema);
  }

  /** The datasets that have a deployment pointer, sorted: one listing, no document read. */
  async datasets(): Promise<string[]> {
    const names: string[] = [];
    for (const blob of await this.store.list(C, registryPaths.deploymentPrefix)) {
      const name = blob.name.slice(registryPaths.deploymentPrefix.length, -'.json'.length);
      if (blob.name.endsWith('.json') && DATASET_NAME.test(name)) names.push(name);
    }
    return names.sort();
  }

  /**
   * Applies `decide` to the current pointer (undefined when none) and records the event it returns; a
   * concurrent change makes it re-read and decide again. An event already in the history (same run and
   * action) is not recorded twice, so redelivery is harmless.
   */
  async record(
    dataset: string,
    decide: (current: Deployment | undefined) => DeploymentEvent,
  ): Promise<{ deployment: Deployment; event: DeploymentEvent }> {
    for (;;) {
      const current = await this.get(dataset);
      const event = decide(current?.value);
      const seen = current?.value.history.find(
        (e) => e.runId !== undefined && e.runId === event.runId && e.action === event.action,
      );
      if (seen !== undefined && current !== undefined) return { deployment: current.value, event: seen };
      const serving = event.action === 'champion-kept' ? current?.value.modelVersion : event.modelVersion;
      if (serving === undefined) throw new Error(`no model to keep serving for ${dataset}`);
      const next: Deployment = {
        schema: 'deployment/v1',
        dataset,
        modelVersion: serving,
        deployedAt: serving === current?.value.modelVersion ? current.value.deployedAt : event.at,
        history: [...(current?.value.history ?? []), event],
      };
      try {
        if (current === undefined) await this.store.createJson(C, registryPaths.deployment(dataset), next);
        else await this.store.updateJson(C, registryPaths.deployment(dataset), next, current.etag);
        return { deployment: next, event };
      } catch (err) {
        if (!(err instanceof BlobConflictError || err instanceof BlobPreconditionError)) throw err;
      }
    }
  }
}
