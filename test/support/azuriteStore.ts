import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll } from 'vitest';
import { BlobStore } from '../../src/lib/storage/blobStore';
import { type RunningAzurite, startAzurite } from '../../src/local/azurite';

/** An in-memory Azurite for the calling test file, and a BlobStore on it. */
export function useAzuriteStore(): { readonly store: BlobStore; readonly connectionString: string } {
  let azurite: RunningAzurite | undefined;
  let store: BlobStore | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
    store = new BlobStore(BlobServiceClient.fromConnectionString(azurite.connectionString));
  });
  afterAll(async () => {
    await azurite?.stop();
  });
  return {
    get store() {
      if (store === undefined) throw new Error('Azurite is not started yet (use inside tests)');
      return store;
    },
    get connectionString() {
      if (azurite === undefined) throw new Error('Azurite is not started yet (use inside tests)');
      return azurite.connectionString;
    },
  };
}
