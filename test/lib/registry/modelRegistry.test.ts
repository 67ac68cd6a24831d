import { describe, expect, it } from 'vitest';
import { DeploymentRegistry } from '../../../src/lib/registry/deploymentRegistry';
import { type ModelRegistration, ModelRegistry } from '../../../src/lib/registry/modelRegistry';
import { containers } from '../../../src/lib/storage/containers';
import { useAzuriteStore } from '../../support/azuriteStore';

const azurite = useAzuriteStore();

function registration(runId: string): ModelRegistration {
  return {
    manifest: {
      dataset: 'bank',
      runId,
      task: 'binary',
      target: 'y',
      primaryMetric: 'AUC_weighted',
      bestLearner: 'lgbm',
      validation: { AUC_weighted: 0.95 },
      lineage: { datasetVersion: 1, datasetSha256: 'abc', seed: 42, budgetSeconds: 10, codeVersion: '0.1.0' },
    },
    files: { 'artifact.json': { text: '{"formatVersion":1}', contentType: 'application/json' } },
  };
}

describe('ModelRegistry on Azurite', () => {
  it('registers one version per run, even when the same run registers again or twice at once', async () => {
    const models = new ModelRegistry(azurite.store);
    const [a, b] = await Promise.all([models.register(registration('run-1')), models.register(registration('run-1'))]);
    expect(a.version).toBe(1);
    expect(b.version).toBe(1);
    expect((await models.register(registration('run-1'))).version).toBe(1);
    expect((await models.register(registration('run-2'))).version).toBe(2);
    expect((await models.versions('bank')).map((v) => [v.version, v.status])).toEqual([
      [1, 'ready'],
      [2, 'ready'],
    ]);
    expect(await models.readFile('bank', 2, 'artifact.json')).toBe('{"formatVersion":1}');
    expect((await models.byRun('bank', 'run-2'))?.version).toBe(2);
  });
});

describe('DeploymentRegistry on Azurite', () => {
  it('creates the pointer on first promotion, keeps history, and records a redelivered decision once', async () => {
    const deployments = new DeploymentRegistry(azurite.store);
    const at = new Date().toISOString();
    await deployments.record('bank', () => ({ at, action: 'promoted', modelVersion: 1, runId: 'r1', reason: 'first' }));
    const kept = () => ({ at, action: 'champion-kept' as const, modelVersion: 2, runId: 'r2', reason: 'worse' });
    await deployments.record('bank', kept);
    await deployments.record('bank', kept);
    const pointer = (await deployments.get('bank'))!.value;
    expect(pointer.modelVersion).toBe(1);
    expect(pointer.history.map((e) => e.action)).toEqual(['promoted', 'champion-kept']);
  });

  it('serialises concurrent promotions: every event lands, the pointer ends on one of them', async () => {
    const deployments = new DeploymentRegistry(azurite.store);
    const at = new Date().toISOString();
    await Promise.all(
      [3, 4, 5].map((v) =>
        deployments.record('race', () => ({ at, action: 'manual', modelVersion: v, reason: `rollback to ${v}` })),
      ),
    );
    const pointer = (await deployments.get('race'))!.value;
    expect(pointer.history).toHaveLength(3);
    expect(pointer.modelVersion).toBe(pointer.history.at(-1)?.modelVersion);
  });

  it('lists the datasets that have a pointer, from one listing', async () => {
    const deployments = new DeploymentRegistry(azurite.store);
    const at = new Date().toISOString();
    await deployments.record('listed', () => ({ at, action: 'manual', modelVersion: 1, reason: 'test' }));
    await azurite.store.writeText(containers.registry, 'deployments/Not_A_Name.json', '{}', 'application/json');
    const names = await deployments.datasets();
    expect(names).toContain('listed');
    expect(names).not.toContain('Not_A_Name');
    expect(names).toEqual([...names].sort());
  });
});
