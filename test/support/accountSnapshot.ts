import type { BlobServiceClient } from '@azure/storage-blob';

/**
 * Every blob of every container, by `container/name` → ETag, listed with the raw SDK (not the BlobStore under
 * test): the traversal tests compare it before and after to show that nothing else was read into, written or
 * deleted.
 */
export async function accountSnapshot(service: BlobServiceClient): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  for await (const container of service.listContainers()) {
    for await (const blob of service.getContainerClient(container.name).listBlobsFlat()) {
      blobs.set(`${container.name}/${blob.name}`, blob.properties.etag ?? '');
    }
  }
  return blobs;
}

/** What changed between two snapshots: added, removed and rewritten blobs. */
export function snapshotChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [name, etag] of after) {
    if (!before.has(name)) changes.push(`+ ${name}`);
    else if (before.get(name) !== etag) changes.push(`~ ${name}`);
  }
  for (const name of before.keys()) if (!after.has(name)) changes.push(`- ${name}`);
  return changes.sort();
}

/** Waits until nothing changes for `quietMs` (triggers have finished), then returns the snapshot; fails after `timeoutMs`. */
export async function settledSnapshot(
  service: BlobServiceClient,
  quietMs = 3000,
  timeoutMs = 120_000,
): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  let last = await accountSnapshot(service);
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() > deadline) throw new Error('storage never settled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await accountSnapshot(service);
    if (snapshotChanges(last, next).length > 0) quietSince = Date.now();
    last = next;
  }
  return last;
}
