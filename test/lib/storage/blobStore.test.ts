import { Readable } from 'node:stream';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BlobStore } from '../../../src/lib/storage/blobStore';
import { BlobConflictError, BlobPreconditionError } from '../../../src/lib/storage/errors';
import { type RunningAzurite, startAzurite } from '../../../src/local/azurite';
import { accountSnapshot, snapshotChanges } from '../../support/accountSnapshot';
import { isAppErrorWithCode } from '../../support/matchers';

let azurite: RunningAzurite;
let store: BlobStore;
const doc = z.object({ n: z.number() });

beforeAll(async () => {
  azurite = await startAzurite();
  store = new BlobStore(BlobServiceClient.fromConnectionString(azurite.connectionString));
});
afterAll(async () => {
  await azurite?.stop();
});

describe('BlobStore on Azurite', () => {
  it('create-if-absent: of 8 concurrent writers exactly one wins, the rest get BlobConflictError', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.createJson('registry', 'race/v1.json', { n: i })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BlobConflictError);
    const stored = await store.readJson('registry', 'race/v1.json', doc);
    expect(stored?.value.n).toBeGreaterThanOrEqual(0);
  });

  it('update-if-match: of concurrent updates from the same ETag exactly one wins, the rest get 412', async () => {
    await store.createJson('registry', 'pointer.json', { n: 0 });
    const read = await store.readJson('registry', 'pointer.json', doc);
    expect(read).toBeDefined();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => store.updateJson('registry', 'pointer.json', { n: i + 1 }, read!.etag)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected).toHaveLength(5);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(BlobPreconditionError);
    const after = await store.readJson('registry', 'pointer.json', doc);
    expect(after?.etag).not.toBe(read!.etag);
  });

  it('reads absent documents as undefined and rejects documents that break their schema', async () => {
    expect(await store.readJson('registry', 'nope.json', doc)).toBeUndefined();
    await store.writeJson('registry', 'bad.json', { n: 'text' });
    await expect(store.readJson('registry', 'bad.json', doc)).rejects.toSatisfy(isAppErrorWithCode('corrupt_document'));
  });

  it('streams uploads and downloads byte-identically, and lists by prefix', async () => {
    const payload = Buffer.alloc(5 * 1024 * 1024 + 17, 0);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) % 251;
    await store.uploadStream('scoring-results', 'job/out.bin', Readable.from([payload]), 'application/octet-stream');
    const { stream, size } = await store.openRead('scoring-results', 'job/out.bin');
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(size).toBe(payload.length);
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
    await store.writeText('scoring-results', 'job/summary.json', '{}', 'application/json');
    await store.writeText('scoring-results', 'other/x.csv', 'a', 'text/csv');
    const names = (await store.list('scoring-results', 'job/')).map((b) => b.name).sort();
    expect(names).toEqual(['job/out.bin', 'job/summary.json']);
  });

  it('copies server-side and deletes', async () => {
    await store.writeText('datasets', 'd/a.csv', 'x,y\n1,2\n', 'text/csv');
    await store.copy('datasets', 'd/a.csv', 'quarantine', 'd/a.csv');
    expect((await store.readBuffer('quarantine', 'd/a.csv'))?.value.toString()).toBe('x,y\n1,2\n');
    await store.delete('datasets', 'd/a.csv');
    expect(await store.exists('datasets', 'd/a.csv')).toBe(false);
  });

  it('refuses a traversing name in every method: the victim in another container is not read, written or deleted', async () => {
    await store.writeText('registry', 'canary/victim.json', '{"n":1}', 'application/json');
    await store.writeText('datasets', 'ds/keep.csv', 'a,b\n1,2\n', 'text/csv');
    const before = await accountSnapshot(store.service);
    const hostile = [
      'ds/../../registry/canary/victim.json',
      'ds/%2E%2E/%2E%2E/registry/canary/victim.json',
      'ds\\..\\..\\registry\\canary\\victim.json',
    ];
    for (const name of hostile) {
      const refused = isAppErrorWithCode('invalid_blob_name');
      const calls: (() => Promise<unknown>)[] = [
        () => store.readBuffer('datasets', name),
        () => store.readJson('datasets', name, doc),
        () => store.openRead('datasets', name),
        () => store.exists('datasets', name),
        () => store.createJson('datasets', name, { n: 2 }),
        () => store.updateJson('datasets', name, { n: 2 }, '*'),
        () => store.writeJson('datasets', name, { n: 2 }),
        () => store.writeText('datasets', name, 'x', 'text/plain'),
        () => store.uploadStream('datasets', name, Readable.from([Buffer.from('x')]), 'text/plain'),
        () => store.delete('datasets', name),
        () => store.deleteIfMatch('datasets', name, '*'),
        () => store.copy('datasets', name, 'quarantine', 'ds/copied.json'),
        () => store.copy('datasets', 'ds/keep.csv', 'datasets', name),
        () => store.list('datasets', name),
      ];
      for (const call of calls) await expect(call()).rejects.toSatisfy(refused);
    }
    expect(snapshotChanges(before, await accountSnapshot(store.service))).toEqual([]);
  });
});
