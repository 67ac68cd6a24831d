import type { BlobStore } from '../storage/blobStore';
import { containers } from '../storage/containers';
import { BlobConflictError, BlobPreconditionError } from '../storage/errors';
import { activeRunSchema, type Run, runSchema } from './documents';
import { registryPaths } from './paths';

const C = containers.registry;

export type AcquireResult = { readonly acquired: true } | { readonly acquired: false; readonly activeRunId: string };

/**
 * Pipeline runs (`runs/{runId}.json`, Azure ML's RunDetails) and the per-dataset active-run lock that keeps
 * two runs of one dataset from overlapping. The lock is a conditional create; a lock whose run has ended is
 * stale and is taken over.
 */
export class RunRegistry {
  constructor(private readonly store: BlobStore) {}

  async get(runId: string): Promise<Run | undefined> {
    return (await this.store.readJson(C, registryPaths.run(runId), runSchema))?.value;
  }

  /** Creates the run document unless it exists (redelivery); returns the stored one. */
  async create(run: Run): Promise<Run> {
    try {
      await this.store.createJson(C, registryPaths.run(run.runId), run);
      return run;
    } catch (err) {
      if (!(err instanceof BlobConflictError)) throw err;
      const existing = await this.get(run.runId);
      if (existing === undefined) throw err;
      return existing;
    }
  }

  /** Read-modify-write with ifMatch, retried on a lost race; `mutate` must be a pure function of the run. */
  async update(runId: string, mutate: (run: Run) => Run): Promise<Run> {
    for (;;) {
      const read = await this.store.readJson(C, registryPaths.run(runId), runSchema);
      if (read === undefined) throw new Error(`run ${runId} does not exist`);
      const next = runSchema.parse(mutate(read.value));
      try {
        await this.store.updateJson(C, registryPaths.run(runId), next, read.etag);
        return next;
      } catch (err) {
        if (!(err instanceof BlobPreconditionError)) throw err;
      }
    }
  }

  async list(dataset: string): Promise<Run[]> {
    const blobs = (await this.store.list(C, 'runs/')).filter((b) => !b.name.startsWith('runs/active/'));
    const runs = await Promise.all(blobs.map((b) => this.store.readJson(C, b.name, runSchema)));
    return runs
      .flatMap((r) => (r === undefined || r.value.dataset !== dataset ? [] : [r.value]))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async activeRunId(dataset: string): Promise<string | undefined> {
    return (await this.store.readJson(C, registryPaths.activeRun(dataset), activeRunSchema))?.value.runId;
  }

  async acquire(dataset: string, runId: string, now: () => Date = () => new Date()): Promise<AcquireResult> {
    const name = registryPaths.activeRun(dataset);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.store.createJson(C, name, { schema: 'active-run/v1', dataset, runId, since: now().toISOString() });
        return { acquired: true };
      } catch (err) {
        if (!(err instanceof BlobConflictError)) throw err;
      }
      const lock = await this.store.readJson(C, name, activeRunSchema);
      if (lock === undefined) continue;
      if (lock.value.runId === runId) return { acquired: true };
      const holder = await this.get(lock.value.runId);
      if (holder !== undefined && (holder.status === 'queued' || holder.status === 'running')) {
        return { acquired: false, activeRunId: holder.runId };
      }
      await this.store.deleteIfMatch(C, name, lock.etag).catch((err: unknown) => {
        if (!(err instanceof BlobPreconditionError)) throw err;
      });
    }
    throw new Error(`could not acquire the run lock of ${dataset}`);
  }

  /** Releases the lock if this run holds it (idempotent). */
  async release(dataset: string, runId: string): Promise<void> {
    const name = registryPaths.activeRun(dataset);
    const lock = await this.store.readJson(C, name, activeRunSchema);
    if (lock === undefined || lock.value.runId !== runId) return;
    await this.store.deleteIfMatch(C, name, lock.etag).catch((err: unknown) => {
      if (!(err instanceof BlobPreconditionError)) throw err;
    });
  }
}
