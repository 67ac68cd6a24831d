import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/lib/registry/documents';
import { RunRegistry } from '../../../src/lib/registry/runRegistry';
import { useAzuriteStore } from '../../support/azuriteStore';

const azurite = useAzuriteStore();

function run(runId: string, dataset = 'bank'): Run {
  return {
    schema: 'run/v1',
    runId,
    dataset,
    datasetVersion: 1,
    trigger: 'http',
    traceId: '0'.repeat(32),
    status: 'queued',
    createdAt: new Date().toISOString(),
    settings: { budgetSeconds: 10, primaryMetric: 'AUC_weighted', seed: 42 },
    stages: { train: { status: 'pending', attempts: 0 }, deploy: { status: 'pending', attempts: 0 } },
    trials: [],
  };
}

describe('RunRegistry on Azurite', () => {
  it('creates a run once; a redelivered create returns the stored run', async () => {
    const runs = new RunRegistry(azurite.store);
    await runs.create(run('run-00000001'));
    await runs.update('run-00000001', (r) => ({ ...r, status: 'running' }));
    expect((await runs.create(run('run-00000001'))).status).toBe('running');
  });

  it('applies concurrent updates without losing any', async () => {
    const runs = new RunRegistry(azurite.store);
    await runs.create(run('run-00000002'));
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runs.update('run-00000002', (r) => ({ ...r, trials: [...r.trials, { trial: i }] })),
      ),
    );
    expect((await runs.get('run-00000002'))?.trials).toHaveLength(6);
  });

  it('lets exactly one of several runs of a dataset hold the active lock', async () => {
    const runs = new RunRegistry(azurite.store);
    const ids = ['run-a0000001', 'run-a0000002', 'run-a0000003'];
    for (const id of ids) await runs.create(run(id, 'locked'));
    const results = await Promise.all(ids.map((id) => runs.acquire('locked', id)));
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    const holder = await runs.activeRunId('locked');
    for (const r of results) if (!r.acquired) expect(r.activeRunId).toBe(holder);
    expect(await runs.acquire('locked', holder!)).toEqual({ acquired: true });
  });

  it('takes over a lock whose run has ended, and release is idempotent', async () => {
    const runs = new RunRegistry(azurite.store);
    await runs.create(run('run-b0000001', 'stale'));
    await runs.create(run('run-b0000002', 'stale'));
    await runs.acquire('stale', 'run-b0000001');
    await runs.update('run-b0000001', (r) => ({ ...r, status: 'failed' }));
    expect(await runs.acquire('stale', 'run-b0000002')).toEqual({ acquired: true });
    await runs.release('stale', 'run-b0000001');
    expect(await runs.activeRunId('stale')).toBe('run-b0000002');
    await runs.release('stale', 'run-b0000002');
    await runs.release('stale', 'run-b0000002');
    expect(await runs.activeRunId('stale')).toBeUndefined();
  });

  it('lists the runs of one dataset, newest first', async () => {
    const runs = new RunRegistry(azurite.store);
    expect((await runs.list('locked')).map((r) => r.runId).sort()).toEqual([
      'run-a0000001',
      'run-a0000002',
      'run-a0000003',
    ]);
  });
});
