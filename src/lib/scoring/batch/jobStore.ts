import { registryPaths } from '../../registry/paths';
import type { BlobStore } from '../../storage/blobStore';
import { containers } from '../../storage/containers';
import { type BatchJob, batchJobSchema } from './jobDocument';

const C = containers.registry;

/** Batch job documents in the registry container; changes are conditional on the ETag that was read. */
export class BatchJobStore {
  constructor(private readonly store: BlobStore) {}

  get(jobId: string): Promise<{ value: BatchJob; etag: string } | undefined> {
    return this.store.readJson(C, registryPaths.batchJob(jobId), batchJobSchema);
  }

  /** Creates the job; BlobConflictError when a job has the id already. */
  create(job: BatchJob): Promise<string> {
    return this.store.createJson(C, registryPaths.batchJob(job.jobId), batchJobSchema.parse(job));
  }

  /** Replaces the job if unchanged since `etag` was read; BlobPreconditionError otherwise. */
  update(job: BatchJob, etag: string): Promise<string> {
    return this.store.updateJson(C, registryPaths.batchJob(job.jobId), batchJobSchema.parse(job), etag);
  }
}
