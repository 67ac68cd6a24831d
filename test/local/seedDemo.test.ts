import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DATASET, seedDemo } from '../../src/local/seedDemo';
import { useAzuriteStore } from '../support/azuriteStore';

const azurite = useAzuriteStore();
const repoRoot = join(__dirname, '..', '..');

describe('seedDemo', () => {
  it('drops the bundled bank data once, and never over existing data', async () => {
    expect(await seedDemo(azurite.store, repoRoot)).toBe('seeded');
    const dropped = await azurite.store.list('datasets', `${DEMO_DATASET}/`);
    expect(dropped.map((b) => [b.name, b.size])).toEqual([
      [`${DEMO_DATASET}/bankmarketing_train.csv`, expect.any(Number)],
    ]);
    expect(dropped[0]!.size).toBeGreaterThan(4_000_000);
    expect(await seedDemo(azurite.store, repoRoot)).toBe('skipped');
  });

  it('skips when the bundled data is not there', async () => {
    expect(await seedDemo(azurite.store, '/nonexistent')).toBe('skipped');
  });
});
