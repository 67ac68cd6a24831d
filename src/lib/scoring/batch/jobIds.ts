import { createHash, randomUUID } from 'node:crypto';

/**
 * Job ids. A dropped file's job is named by the blob and its ETag, so a re-fired trigger for the same version
 * finds the job it already started; an HTTP request gets a fresh id.
 */
export const batchJobIds = {
  forDrop: (dataset: string, blobName: string, etag: string) =>
    `${dataset}-drop-${createHash('sha256')
      .update(`${blobName}\n${etag.replace(/"/g, '')}`)
      .digest('hex')
      .slice(0, 20)}`,
  forRequest: (dataset: string) => `${dataset}-batch-${randomUUID().replace(/-/g, '').slice(0, 16)}`,
};
