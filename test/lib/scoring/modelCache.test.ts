import { describe, expect, it } from 'vitest';
import type { DeployedModel } from '../../../src/lib/scoring/deployedModel';
import { ModelCache, type ModelSource } from '../../../src/lib/scoring/modelCache';

/** A registry stand-in: a pointer, loads counted, and loads that finish only when the test says so. */
function fakeSource() {
  let pointer: number | undefined = 1;
  let failPointer = false;
  const loads: number[] = [];
  const pending = new Map<number, () => void>();
  const source: ModelSource = {
    deployedVersion: async () => {
      if (failPointer) throw new Error('storage down');
      return pointer;
    },
    load: (dataset, version) => {
      loads.push(version);
      return new Promise((resolve) => {
        pending.set(version, () => resolve({ dataset, version } as DeployedModel));
      });
    },
  };
  return {
    source,
    loads,
    set: (v: number | undefined) => {
      pointer = v;
    },
    fail: (on: boolean) => {
      failPointer = on;
    },
    finish: async (version: number) => {
      for (let i = 0; i < 10 && !pending.has(version); i++) await Promise.resolve();
      pending.get(version)?.();
      pending.delete(version);
    },
  };
}

describe('ModelCache', () => {
  it('loads a model once for concurrent first requests and reuses it', async () => {
    const f = fakeSource();
    let now = 0;
    const cache = new ModelCache(f.source, { checkIntervalMs: 5000, now: () => now });
    const first = Promise.all([cache.get('d'), cache.get('d'), cache.get('d')]);
    await f.finish(1);
    const models = await first;
    expect(models.map((m) => m?.version)).toEqual([1, 1, 1]);
    now = 4999;
    await cache.get('d');
    expect(f.loads).toEqual([1]);
  });

  it('swaps to a new version in the background: old requests keep the old model, none waits', async () => {
    const f = fakeSource();
    let now = 0;
    const cache = new ModelCache(f.source, { checkIntervalMs: 1000, now: () => now });
    const loading = cache.get('d');
    await f.finish(1);
    const old = await loading;
    f.set(2);
    now = 1000;
    // The pointer changed: the request is served at once by v1 while v2 loads.
    expect((await cache.get('d'))?.version).toBe(1);
    expect((await cache.get('d'))?.version).toBe(1);
    await f.finish(2);
    await cache.idle();
    expect((await cache.get('d'))?.version).toBe(2);
    expect(old?.version).toBe(1);
    expect(f.loads).toEqual([1, 2]);
  });

  it('reads the pointer at most once per interval', async () => {
    const f = fakeSource();
    let reads = 0;
    const source: ModelSource = {
      ...f.source,
      deployedVersion: async (d) => {
        reads++;
        return f.source.deployedVersion(d);
      },
    };
    let now = 0;
    const cache = new ModelCache(source, { checkIntervalMs: 1000, now: () => now });
    const loading = cache.get('d');
    await f.finish(1);
    await loading;
    for (now = 0; now < 999; now += 100) await cache.get('d');
    expect(reads).toBe(1);
    now = 1000;
    await cache.get('d');
    await cache.idle();
    expect(reads).toBe(2);
  });

  it('keeps serving the old model when a check fails, and reports it', async () => {
    const f = fakeSource();
    const errors: string[] = [];
    let now = 0;
    const cache = new ModelCache(f.source, {
      checkIntervalMs: 10,
      now: () => now,
      onError: (d, e) => errors.push(`${d}: ${(e as Error).message}`),
    });
    const loading = cache.get('d');
    await f.finish(1);
    await loading;
    f.fail(true);
    now = 10;
    expect((await cache.get('d'))?.version).toBe(1);
    await cache.idle();
    expect(errors).toEqual(['d: storage down']);
    expect((await cache.get('d'))?.version).toBe(1);
  });

  it('answers undefined when nothing is deployed, then finds a later deployment', async () => {
    const f = fakeSource();
    f.set(undefined);
    let now = 0;
    const cache = new ModelCache(f.source, { checkIntervalMs: 10, now: () => now });
    expect(await cache.get('d')).toBeUndefined();
    f.set(3);
    now = 10;
    const next = cache.get('d');
    await f.finish(3);
    expect((await next)?.version).toBe(3);
  });

  it('throws to the first request when storage fails, and retries on the next', async () => {
    const f = fakeSource();
    f.fail(true);
    const cache = new ModelCache(f.source, { checkIntervalMs: 10_000, now: () => 0 });
    await expect(cache.get('d')).rejects.toThrow('storage down');
    f.fail(false);
    const next = cache.get('d');
    await f.finish(1);
    expect((await next)?.version).toBe(1);
  });
});
