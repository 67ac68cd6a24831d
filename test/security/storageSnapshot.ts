import type { BlobServiceClient } from '@azure/storage-blob';

/** Every blob of every container, `container/name` → ETag: what a hostile input may not have touched. */
export async function snapshot(service: BlobServiceClient): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  for await (const container of service.listContainers()) {
    for await (const blob of service.getContainerClient(container.name).listBlobsFlat()) {
      blobs.set(`${container.name}/${blob.name}`, blob.properties.etag ?? '');
    }
  }
  return blobs;
}

/** Blobs created, changed or deleted between two snapshots. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/** Waits until nothing changes for `quietMs` (the triggers have finished), or fails after `timeoutMs`. */
export async function settled(
  service: BlobServiceClient,
  quietMs = 3000,
  timeoutMs = 120_000,
): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  let last = await snapshot(service);
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() > deadline) throw new Error('storage never settled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await snapshot(service);
    if (changes(last, next).length > 0) quietSince = Date.now();
    last = next;
  }
  return last;
}
