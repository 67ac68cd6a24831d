import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from '../lib/storage/blobStore';
import { containers } from '../lib/storage/containers';

export const DEMO_DATASET = 'bankmarketing';
const DEMO_FILE = 'bankmarketing_train.csv';

/**
 * The main job on the embedded default: on first start, drop the bundled bank marketing data into
 * `datasets/bankmarketing/`, which registers it, trains, and deploys a model. Never twice: a dataset folder
 * or registry entry that already exists means the demo ran (or the user has their own data there).
 */
export async function seedDemo(store: BlobStore, repoRoot: string): Promise<'seeded' | 'skipped'> {
  const file = join(repoRoot, 'data', DEMO_FILE);
  if (!existsSync(file)) return 'skipped';
  const dropped = await store.list(containers.datasets, `${DEMO_DATASET}/`);
  const registered = await store.list(containers.registry, `datasets/${DEMO_DATASET}/`);
  const quarantined = await store.list(containers.quarantine, `${DEMO_DATASET}/`);
  if (dropped.length > 0 || registered.length > 0 || quarantined.length > 0) return 'skipped';
  await store.uploadStream(containers.datasets, `${DEMO_DATASET}/${DEMO_FILE}`, createReadStream(file), 'text/csv');
  return 'seeded';
}
