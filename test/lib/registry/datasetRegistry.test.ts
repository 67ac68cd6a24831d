import { describe, expect, it } from 'vitest';
import { type DatasetRegistration, DatasetRegistry } from '../../../src/lib/registry/datasetRegistry';
import { registryPaths } from '../../../src/lib/registry/paths';
import { useAzuriteStore } from '../../support/azuriteStore';
import { isAppErrorWithCode } from '../../support/matchers';

const azurite = useAzuriteStore();

async function drop(dataset: string, name: string, content: string, sha: string): Promise<DatasetRegistration> {
  const etag = await azurite.store.writeText('datasets', `${dataset}/${name}`, content, 'text/csv');
  return {
    dataset,
    sha256: sha,
    source: { container: 'datasets', name: `${dataset}/${name}`, etag },
    summary: { rows: 2, columns: 2, target: 'y', task: 'binary', guardrails: [], drop: [] },
    documents: { 'schema.json': { columns: ['x', 'y'] }, 'profile.json': { rows: 2 } },
  };
}

describe('DatasetRegistry on Azurite', () => {
  it('registers v1 with its snapshot and documents, then treats the same content as a duplicate', async () => {
    const registry = new DatasetRegistry(azurite.store);
    const reg = await drop('d1', 'a.csv', 'x,y\n1,yes\n2,no\n', 'sha-a');
    const first = await registry.register(reg);
    expect(first).toMatchObject({ status: 'registered', version: { version: 1, status: 'ready', sha256: 'sha-a' } });
    await registry.claim('d1', 'sha-a', 1);
    expect(await registry.register(reg)).toEqual({ status: 'duplicate', version: 1 });
    const snapshot = await azurite.store.readBuffer('registry', registryPaths.datasetFile('d1', 1, 'data.csv'));
    expect(snapshot?.value.toString()).toBe('x,y\n1,yes\n2,no\n');
    expect(await registry.readDocument('d1', 1, 'schema.json')).toEqual({ columns: ['x', 'y'] });
    expect((await registry.versions('d1')).map((v) => v.version)).toEqual([1]);
  });

  it('gives different files dropped at once distinct versions with no collision', async () => {
    const registry = new DatasetRegistry(azurite.store);
    const regs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((n) => drop('d2', `${n}.csv`, `x,y\n${n},yes\n`, `sha-${n}`)),
    );
    const results = await Promise.all(regs.map((r) => registry.register(r)));
    const versions = results.map((r) => (r.status === 'registered' ? r.version.version : 0)).sort();
    expect(versions).toEqual([1, 2, 3, 4]);
    const stored = await registry.versions('d2');
    expect(new Set(stored.map((v) => v.sha256)).size).toBe(4);
    expect(stored.every((v) => v.status === 'ready')).toBe(true);
  });

  it('resumes a registration that crashed after allocating its version instead of allocating another', async () => {
    const registry = new DatasetRegistry(azurite.store);
    const reg = await drop('d3', 'a.csv', 'x,y\n1,no\n', 'sha-crash');
    await azurite.store.createJson('registry', registryPaths.datasetVersion('d3', 1), {
      schema: 'dataset-version/v1',
      dataset: 'd3',
      version: 1,
      status: 'registering',
      sha256: 'sha-crash',
      source: reg.source,
      createdAt: new Date().toISOString(),
      ...reg.summary,
    });
    const result = await registry.register(reg);
    expect(result).toMatchObject({ status: 'registered', version: { version: 1, status: 'ready' } });
    expect(await registry.versions('d3')).toHaveLength(1);
  });

  it('keeps one version when the same bytes are dropped twice at once', async () => {
    const registry = new DatasetRegistry(azurite.store);
    const [a, b] = await Promise.all([
      drop('d4', 'a.csv', 'x,y\n1,no\n', 'sha-twin'),
      drop('d4', 'copy.csv', 'x,y\n1,no\n', 'sha-twin'),
    ]);
    const results = await Promise.all([registry.register(a!), registry.register(b!)]);
    const versions = results.map((r) => (r.status === 'registered' ? r.version.version : r.version));
    expect(new Set(versions)).toEqual(new Set([1]));
    expect((await registry.versions('d4')).map((v) => v.version)).toEqual([1]);
  });

  it('links a new version to the previous ready one and lists datasets', async () => {
    const registry = new DatasetRegistry(azurite.store);
    await registry.register(await drop('d5', 'a.csv', 'a', 'sha-1'));
    const second = await registry.register(await drop('d5', 'b.csv', 'b', 'sha-2'));
    expect(second.status === 'registered' && second.previous?.version).toBe(1);
    expect(await registry.datasets()).toEqual(expect.arrayContaining(['d1', 'd2', 'd5']));
    expect((await registry.latestReady('d5'))?.version).toBe(2);
  });

  it('fails the version, with the reason, when its file is deleted mid-registration; the same bytes later get a new one', async () => {
    const registry = new DatasetRegistry(azurite.store);
    const reg = await drop('d9', 'gone.csv', 'x,y\n1,no\n', 'sha-gone');
    // Analysed, then deleted by the user before the snapshot is copied.
    await azurite.store.delete('datasets', reg.source.name);
    await expect(registry.register(reg)).rejects.toSatisfy(isAppErrorWithCode('source_deleted'));
    expect(await registry.versions('d9')).toMatchObject([
      { version: 1, status: 'failed', error: { code: 'source_deleted', message: expect.stringContaining('gone.csv') } },
    ]);
    expect(await registry.latestReady('d9')).toBeUndefined();

    const again = await drop('d9', 'gone.csv', 'x,y\n1,no\n', 'sha-gone');
    expect(await registry.register(again)).toMatchObject({
      status: 'registered',
      version: { version: 2, status: 'ready' },
    });
  });
});
