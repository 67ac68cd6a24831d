import type { BlobStore } from '../storage/blobStore';
import { BlobConflictError } from '../storage/errors';

/**
 * Allocates the next version number without a lock: conditional creates of `v{N}` documents, moving to N+1
 * whenever another writer got there first. Returns the version and the document's ETag.
 */
export async function allocateVersion(
  store: BlobStore,
  container: string,
  existing: readonly number[],
  nameOf: (version: number) => string,
  documentFor: (version: number) => unknown,
): Promise<{ version: number; etag: string }> {
  let version = existing.reduce((max, v) => Math.max(max, v), 0) + 1;
  for (let attempt = 0; attempt < 1000; attempt++, version++) {
    try {
      const etag = await store.createJson(container, nameOf(version), documentFor(version));
      return { version, etag };
    } catch (err) {
      if (!(err instanceof BlobConflictError)) throw err;
    }
  }
  throw new Error(`could not allocate a version under ${nameOf(version)} after 1000 attempts`);
}
